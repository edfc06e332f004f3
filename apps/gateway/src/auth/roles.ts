/** Token roles. `admin` manages tokens, committees and reads the audit log. */
export const ROLES = ['admin', 'publisher', 'residents_committee', 'conditional_reader'] as const

/** A token role. */
export type Role = (typeof ROLES)[number]

/** True for a known role name. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
