/** What {@link migrateTableSchema} returns: the schema in today's form and what it changed. */
export interface TableSchemaMigration {
  schema: unknown
  /** One sentence per change, naming the field: show them to the officer. */
  notes: string[]
}

// What the old `mask: { type: "keep" }` let through: the four kinds the old guard detected.
const KEEP_ALLOWED = ['id_number', 'mobile', 'bank_card', 'email']

/**
 * Migrates a table schema written before the privacy declarations: a field's
 * `mask: { type: "keep" }` ("reviewed, publish as it is") becomes
 * `privacy: { allow: ["id_number", "mobile", "bank_card", "email"], reason }`, the kinds the old
 * guard let through. Anything else is returned untouched (validate it afterwards).
 * @example migrateTableSchema({ fields: [{ name: '电话', type: 'string', mask: { type: 'keep' } }] }).notes
 */
export function migrateTableSchema(doc: unknown): TableSchemaMigration {
  const fields = (doc as { fields?: unknown } | null)?.fields
  if (!Array.isArray(fields)) return { schema: doc, notes: [] }
  const notes: string[] = []
  const migrated = fields.map((f, k) => {
    const mask = (f as { mask?: { type?: unknown } } | null)?.mask
    if (mask?.type !== 'keep') return f
    const { mask: _old, ...rest } = f as Record<string, unknown>
    const name = typeof rest.name === 'string' ? rest.name : `#${k}`
    notes.push(
      `field "${name}" (/fields/${k}): mask: { type: "keep" } is replaced by privacy: { allow: [${KEEP_ALLOWED.map((r) => `"${r}"`).join(', ')}], reason }; migrated — keep only the rules a law requires to be public, and give its reason`
    )
    return {
      ...rest,
      privacy: {
        allow: KEEP_ALLOWED,
        reason: 'migrated from mask: { type: "keep" } (reviewed and published as it is)',
      },
    }
  })
  if (notes.length === 0) return { schema: doc, notes }
  return { schema: { ...(doc as object), fields: migrated }, notes }
}
