/**
 * Token roles (the role table of apps/gateway/README.md):
 * - `operator`: global, over every organisation; issued from the CLI only (`gongkai token create --role operator`);
 * - `admin`: one organisation's tokens, committees and audit log;
 * - `publisher`: one organisation's datasets and catalogue records;
 * - `officer`: one organ (`scope` = an organ id of config `organs[]`), for requests and messages;
 * - `residents_committee`: one committee (`scope` = its catalogue id);
 * - `conditional_reader`: reads the rows of the 有条件开放 datasets in its `grants`.
 */
export const ROLES = [
  'operator',
  'admin',
  'publisher',
  'officer',
  'residents_committee',
  'conditional_reader',
] as const

/** A token role. */
export type Role = (typeof ROLES)[number]

/** Roles a token of which is bound to one thing inside its organisation (`scope`). */
export const SCOPED_ROLES: readonly Role[] = ['officer', 'residents_committee']

/** Roles the API may issue (`POST /api/v1/tokens`); `operator` comes from the CLI only. */
export const ISSUABLE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'operator')

/** True for a known role name. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value)
}
