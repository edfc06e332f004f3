import {
  columnRole,
  detectPersonalInfo,
  type MaskType,
  type PrivacyFinding,
  type RuleCode,
  TableScanner,
} from '@gongkai/privacy'
import type { TableField, TableSchema } from '@gongkai/schema'
import { isCalendarDate } from '@gongkai/text'
import { ANY_DATE, ISO_DATE, parseDate, parseDateTime } from './date-format.js'
import { type OpenSourceOptions, openSource, type SourceInput } from './open-source.js'
import { ErrorList, type RowError } from './row-error.js'
import { SourceRows } from './source-rows.js'
import type { RowAccount } from './table-source.js'

/** What inference learnt about one column. */
export interface InferredColumn {
  name: string
  type: TableField['type']
  format?: string
  /** Cells that were missing (empty or a declared missing value). */
  missing: number
  /** Distinct values, when there are at most `enumMax` of them (else undefined). */
  values?: string[]
  /**
   * A mask proposed because the column's title names personal information (姓名, 身份证号 …) or
   * most of its non-empty cells are each one ID / mobile / card number / e-mail address.
   */
  suggestedMask?: NonNullable<TableField['mask']>['type']
  /**
   * The declaration the column would need to be published as it is: the rules the guard found in
   * it. Only a law that requires the values to be public justifies `privacy: { allow, reason }`;
   * otherwise mask the column or remove the values.
   */
  suggestedAllow?: RuleCode[]
}

/** Result of {@link inferSchema}. */
export type InferResult =
  | {
      ok: true
      /** The proposed table schema (review it before publishing). */
      schema: TableSchema
      columns: InferredColumn[]
      /** Rows the proposal was made from. */
      rowCount: number
      /** Every row accounted for: used (`kept`), skipped, blank lines, multi-line records. */
      rows: RowAccount
      format: string
      encoding?: string
      delimiter?: string
      /** With `skipBadRows`: the problems of the rows left out (bytes, quotes, ragged rows). */
      warnings: RowError[]
      /**
       * Personal information the proposed schema leaves unmasked, as the publish guard reports it:
       * single cells of free-text columns (an ID number in a 备注), personal column titles without a
       * mask. Values are masked. Capped at 1,000; `findingCount` has the total.
       */
      findings: PrivacyFinding[]
      findingCount: number
    }
  | {
      ok: false
      /** The problems that refuse the file, as `validateRows` and publishing report them. */
      errors: RowError[]
      errorCount?: number
      rows?: RowAccount
    }

/** Options of {@link inferSchema}. */
export interface InferOptions extends OpenSourceOptions {
  /**
   * Infer from the readable rows and list the others in `warnings`, instead of refusing a file
   * with bytes the encoding rejects, broken quotes or ragged rows (as `dataset add` does).
   */
  skipBadRows?: boolean
  /** Cells read as missing (default `[""]`). */
  missingValues?: string[]
  /** Propose `constraints.enum` for columns with at most this many distinct values (default 0: never). */
  enumMax?: number
  /** Propose `constraints.required` for columns with no missing cell (default true). */
  required?: boolean
  /**
   * Declare the suggested masks in the proposed schema (default true). With false the schema has
   * types only, and every personal cell and title is a finding: for publishing without review.
   */
  masks?: boolean
}

/** Most findings kept in an {@link InferResult}. */
const FINDINGS_CAP = 1000
// What may surround a number that fills a cell on its own: spaces, brackets, a +86 / 0086 prefix.
const CELL_FRAME = /^[\s()（）+-]*(?:0086|86)?[\s()（）-]*$/

const INT = /^[+-]?\d{1,15}$/
const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/
// A leading zero marks a code (邮编 0571…, 行政区划 010…), which must stay text.
const LEADING_ZERO = /^[+-]?0\d/
const BOOL = new Set(['true', 'false', 'True', 'False', 'TRUE', 'FALSE', '是', '否'])
const SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/
const CN = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/

interface Stats {
  missing: number
  present: number
  int: boolean
  num: boolean
  bool: boolean
  iso: boolean
  slash: boolean
  cn: boolean
  any: boolean
  datetime: boolean
  distinct: Set<string> | undefined
  /** Per rule: cells that are one such value and nothing else. */
  pii: Map<RuleCode, number>
}

const newStats = (enumMax: number): Stats => ({
  missing: 0,
  present: 0,
  int: true,
  num: true,
  bool: true,
  iso: true,
  slash: true,
  cn: true,
  any: true,
  datetime: true,
  distinct: enumMax > 0 ? new Set() : undefined,
  pii: new Map(),
})

/** Counts a cell that is nothing but one personal value (for proposing a mask on the column). */
function observePersonal(st: Stats, text: string): void {
  const found = detectPersonalInfo(text)
  if (found.length !== 1) return
  const only = found[0] as (typeof found)[number]
  if (CELL_FRAME.test(text.slice(0, only.start)) && CELL_FRAME.test(text.slice(only.end)))
    st.pii.set(only.rule, (st.pii.get(only.rule) ?? 0) + 1)
}

// The rules a column mask can hide (the others need the values removed, or a declaration).
const MASKABLE = new Set<RuleCode>(['id_number', 'mobile', 'bank_card', 'email', 'name', 'address'])

const calendar = (r: RegExpExecArray | null) =>
  !!r && isCalendarDate(+(r[1] as string), +(r[2] as string), +(r[3] as string))

function observe(st: Stats, raw: unknown, enumMax: number): void {
  st.present++
  if (typeof raw === 'number') {
    st.bool = st.iso = st.slash = st.cn = st.any = st.datetime = false
    if (!Number.isSafeInteger(raw)) st.int = false
    // JSON numbers can be phone or card numbers too.
    else if (raw >= 1e10) observePersonal(st, String(raw))
  } else if (typeof raw === 'boolean') {
    st.int = st.num = st.iso = st.slash = st.cn = st.any = st.datetime = false
  } else {
    const text = typeof raw === 'string' ? raw : JSON.stringify(raw)
    const s = text.trim()
    if (st.int) st.int = INT.test(s) && !LEADING_ZERO.test(s)
    if (st.num) st.num = NUM.test(s) && !LEADING_ZERO.test(s)
    if (st.bool) st.bool = BOOL.has(s)
    if (st.iso) st.iso = calendar(ISO_DATE.exec(s))
    if (st.slash) st.slash = calendar(SLASH.exec(s))
    if (st.cn) st.cn = calendar(CN.exec(s))
    if (st.any) st.any = ANY_DATE.test(s) && parseDate(s, 'any') !== undefined
    if (st.datetime) st.datetime = parseDateTime(s) !== undefined
    if (text.length >= 6) observePersonal(st, text)
  }
  if (st.distinct) {
    st.distinct.add(String(raw))
    if (st.distinct.size > enumMax) st.distinct = undefined
  }
}

function decide(st: Stats): { type: TableField['type']; format?: string } {
  if (st.present === 0) return { type: 'string' }
  if (st.int) return { type: 'integer' }
  if (st.num) return { type: 'number' }
  if (st.bool) return { type: 'boolean' }
  if (st.iso) return { type: 'date' }
  if (st.slash) return { type: 'date', format: '%Y/%m/%d' }
  if (st.cn) return { type: 'date', format: '%Y年%m月%d日' }
  if (st.any) return { type: 'date', format: 'any' }
  if (st.datetime) return { type: 'datetime' }
  return { type: 'string' }
}

function fieldNames(labels: readonly string[]): string[] {
  const used = new Set<string>()
  return labels.map((label, i) => {
    // Field names may not hold control characters or double quotes (table-schema.schema.json).
    const clean = [...label].filter((c) => c.charCodeAt(0) > 0x1f && c !== '"').join('')
    const base = clean.trim().slice(0, 60) || `column_${i + 1}`
    let name = base
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`
    used.add(name)
    return name
  })
}

/**
 * Proposes a table schema from a WHOLE file (never from the first rows only): a column that is
 * integer for 10,000 rows and then holds 3.5 is a number; one `abc` makes it a string; numbers
 * with a leading zero stay strings (codes); dates in YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日 get
 * the matching `format`. Columns whose titles, or most of whose cells, look like personal
 * information get a mask in the proposal (privacy by default; `masks: false` for types only);
 * personal information left unmasked is listed in `findings`. Reads the file the way validation
 * and publishing do ({@link openSource}, {@link SourceRows}) and refuses what they refuse: bytes
 * the encoding rejects, broken quotes, ragged rows (unless `skipBadRows`). Never throws.
 */
export async function inferSchema(
  input: SourceInput,
  options: InferOptions = {}
): Promise<InferResult> {
  const opened = await openSource(input, options)
  if (!opened.ok) return opened
  const source = opened.source
  const enumMax = options.enumMax ?? 0
  const missing = new Set(options.missingValues ?? [''])
  const isCsv = source.format === 'csv'
  const stats: Stats[] = []
  const keys = new Map<string, number>()
  const problems = new ErrorList(1000)
  const rows = new SourceRows(source, problems)
  const statAt = (k: number) => {
    while (stats.length <= k) stats.push(newStats(enumMax))
    return stats[k] as Stats
  }
  // The publish guard over the raw values, with the file's own labels: what publishing this file
  // with no mask and no declaration would report. JSON keys first seen after the first record are
  // typed but not guarded here (publishing guards every field of the schema).
  let scanner: TableScanner | undefined
  let scannedKeys: string[] = []
  const guard = (firstRow: number): TableScanner => {
    if (scanner) return scanner
    scannedKeys = isCsv ? source.header : [...keys.keys()]
    scanner = new TableScanner({
      fields: scannedKeys.map((label) => ({ name: label })),
      firstRow,
      cap: FINDINGS_CAP,
    })
    return scanner
  }
  try {
    for await (const batch of rows.batches()) {
      batch.records.forEach((record, i) => {
        if (rows.isBad(batch.firstRow + i)) return
        rows.kept++
        if (Array.isArray(record)) {
          const width = source.header.length
          for (let k = 0; k < width; k++) {
            const v = record[k]
            const st = statAt(k)
            if (v === undefined || (typeof v === 'string' && missing.has(v))) st.missing++
            else observe(st, v, enumMax)
          }
          guard(batch.firstRow + i).scanRow(record, batch.firstRow + i)
        } else {
          const obj = record as Record<string, unknown>
          for (const key in obj) {
            if (!keys.has(key)) keys.set(key, keys.size)
          }
          for (const [key, k] of keys) {
            const v = obj[key]
            const st = statAt(k)
            if (v === undefined || v === null || (typeof v === 'string' && missing.has(v)))
              st.missing++
            else observe(st, v, enumMax)
          }
          const g = guard(batch.firstRow + i)
          g.scanRow(
            scannedKeys.map((key) => obj[key]),
            batch.firstRow + i
          )
        }
      })
    }
  } catch (err) {
    return {
      ok: false,
      errors: [
        { row: 0, rule: 'source', message: `reading the source failed: ${(err as Error).message}` },
      ],
    }
  }
  const rowCount = rows.kept
  const account = rows.account()
  if (problems.count > 0 && !options.skipBadRows)
    return { ok: false, errors: problems.sorted(), errorCount: problems.count, rows: account }
  const warnings = problems.sorted()
  const labels = isCsv ? source.header : [...keys.keys()]
  const names = fieldNames(labels)
  const masks = options.masks ?? true
  const report = scanner?.report()
  const columns: InferredColumn[] = []
  const masked = new Set<number>()
  const fields: TableField[] = names.map((name, k) => {
    const st = statAt(k)
    // A row that is missing a key in JSON counts as missing for the rows before the key appeared.
    if (!isCsv) st.missing = rowCount - st.present
    let suggestedMask: MaskType | undefined
    // A column is of a kind when MOST of its non-empty cells are each one such value: a free-text
    // 备注 with one ID number in it is not an ID column (that cell is reported as a finding).
    for (const [rule, n] of st.pii) {
      if (n * 2 > st.present && MASKABLE.has(rule)) suggestedMask = rule as MaskType
    }
    // Phone and ID numbers are identifiers, not quantities: keep them text (and maskable).
    const { type, format } = suggestedMask
      ? { type: 'string' as const, format: undefined }
      : decide(st)
    if (!suggestedMask && type === 'string') {
      const role = columnRole(labels[k])
      if (role?.kind === 'strong' && MASKABLE.has(role.rule)) suggestedMask = role.rule as MaskType
    }
    const field: TableField = { name, type }
    if (name !== labels[k] && labels[k]) field.title = labels[k]
    if (format) field.format = format
    const constraints: NonNullable<TableField['constraints']> = {}
    if ((options.required ?? true) && st.missing === 0 && st.present > 0)
      constraints.required = true
    const values = st.distinct ? [...st.distinct].sort() : undefined
    if (values && values.length > 0 && type === 'string') constraints.enum = values
    if (Object.keys(constraints).length > 0) field.constraints = constraints
    // Privacy by default: the proposal masks what looks personal; the officer may relax it.
    if (suggestedMask && masks) {
      field.mask = { type: suggestedMask }
      masked.add(k)
    }
    const found = scanner?.rulesByColumn.get(labels[k] ?? name)
    const suggestedAllow = found ? [...found].sort() : undefined
    columns.push({
      name,
      type,
      ...(format ? { format } : {}),
      missing: st.missing,
      ...(values ? { values } : {}),
      ...(suggestedMask ? { suggestedMask } : {}),
      ...(suggestedAllow ? { suggestedAllow } : {}),
    })
    return field
  })
  // Whatever no proposed mask covers is reported, so the officer sees it before publishing; the
  // guard named columns by their labels, the schema by field names.
  const fieldOf = new Map(labels.map((l, k) => [l, k]))
  const findings: PrivacyFinding[] = []
  let findingCount = report?.count ?? 0
  for (const f of report?.findings ?? []) {
    const k = f.column === undefined ? undefined : fieldOf.get(f.column)
    if (k !== undefined && masked.has(k)) {
      findingCount--
      continue
    }
    if (k === undefined) findings.push(f)
    else {
      const name = names[k] as string
      findings.push({
        ...f,
        column: name,
        pointer: f.pointer.replace(/\/[^/]*$/, `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`),
        override: `/fields/${k}/privacy/allow`,
      })
    }
  }
  const schema: TableSchema = { fields }
  if (options.missingValues) schema.missingValues = options.missingValues
  return {
    ok: true,
    schema,
    columns,
    rowCount,
    rows: account,
    format: source.format,
    ...(source.encoding ? { encoding: source.encoding } : {}),
    ...(source.delimiter ? { delimiter: source.delimiter } : {}),
    warnings,
    findings: findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    findingCount,
  }
}
