import { type ColumnRole, columnRole, detectContext } from './column-titles.js'
import { allowedRules } from './declarations.js'
import { type DetectContext, type Detection, detectPersonalInfo } from './detect.js'
import { type MaskSpec, maskFinding, maskValue } from './mask.js'
import { isBusinessRegNo, isCreditCode } from './org-codes.js'
import type { PrivacyFinding } from './privacy-finding.js'
import { isValidResidentId15, isValidResidentId18 } from './resident-id.js'
import type { RuleCode } from './rule-code.js'
import { scanText } from './scan-text.js'
import { isChineseName } from './surnames.js'

/** A table column as the guard needs it: a table-schema field, or just a name. */
export interface PrivacyField {
  name: string
  title?: string
  /** Table-schema type; booleans, dates and the like are not scanned. */
  type?: string
  /** A declared mask (its values are masked before scanning, and its title raises nothing). */
  mask?: { type: string; keepStart?: number; keepEnd?: number; char?: string }
  /** What a law makes public in this column. */
  privacy?: unknown
}

/** What the guard knows about a table besides its columns. */
export interface TableContext {
  /** The dataset's title: 单位/机构/学校 in it make the table one about institutions. */
  title?: string
  /** The dataset's description; scanned as text. */
  description?: string
  fields: readonly PrivacyField[]
  /** The values are already masked by the column masks (the ingest masks before it scans). */
  valuesMasked?: boolean
  /** CSV row number of the first data row (default 2: the header is row 1). */
  firstRow?: number
  /** Most findings kept (default 10,000); `count` has them all. */
  cap?: number
}

/** Summary of a scan: findings (capped), how many in all, and how many refuse. */
export interface PrivacyReport {
  findings: PrivacyFinding[]
  count: number
  blocking: number
}

// Tables whose title says they list institutions: their contact columns are the institutions'.
const INSTITUTIONAL_TITLE =
  /单位|机构|学校|幼儿园|医院|企业|公司|网点|受理点|名录|一览|联系方式|指南|中心|办事处|居委会|养老|停车场|线路|道路|目录|预算|决算|统计/
// A cell that names an organisation makes its row one about that organisation.
const ORGANISATION_VALUE =
  /(?:街道|办事处|学校|小学|中学|大学|学院|幼儿园|中心|公司|医院|卫生院|委员会|居委会|村委会|局|办公室|政府|所|站|馆|院|社区|协会|银行|集团|厂|店|部|处|科|队|园|场|社|会|厅|养老院|之家)$/
// A home, not an office: a lane, a room, a flat.
const DWELLING = /\d+\s*(?:弄|室|号楼|幢|栋|单元)|\d+号\d+/
// Values that are already masked or say nothing.
const MASKED_OR_EMPTY = /\*|^[\s\-—/无]*$/
const NOT_A_PERSON = /某|老师|先生|女士|办公室|窗口|中心|科室|值班/
const SCANNED_TYPES = new Set(['string', 'integer', 'number', 'any', undefined])

interface Column {
  field: PrivacyField
  index: number
  role: ColumnRole | undefined
  allow: Set<RuleCode>
  mask: MaskSpec | undefined
  ctx: DetectContext | undefined
  override: string
  scanned: boolean
  /** Column-level finding already raised. */
  raised: boolean
  names: number
  nonEmpty: number
  firstName?: { value: string; row: number; index: number }
}

function cellText(v: unknown, amount: boolean): string | undefined {
  if (typeof v === 'string') return v
  // Numbers long enough to be a phone or an ID (a column typed integer by a spreadsheet).
  if (typeof v === 'number' && !amount && Number.isInteger(v) && Math.abs(v) >= 1e7)
    return String(v)
  return undefined
}

/**
 * The streaming table guard: give it the columns and context once, then every row. It decides per
 * value and per column with the row's context: a valid ID, mobile or card number (and the other
 * personal identifiers) is a finding in any table unless its column declares `privacy.allow`;
 * columns titled 姓名, 身份证号, 家庭住址 … are findings when they hold values; contact columns
 * (电话, 地址, 邮箱) only in tables about people, not in rows about an institution; amounts, credit
 * codes, registration numbers, landlines and office mailboxes never are.
 */
export class TableScanner {
  readonly findings: PrivacyFinding[] = []
  count = 0
  blocking = 0
  /** The rules that fired in each column (all of them, past the cap), by field name. */
  readonly rulesByColumn = new Map<string, Set<RuleCode>>()
  private readonly columns: Column[]
  private readonly scanned: Column[]
  private readonly institutionalTable: boolean
  private readonly personalTable: boolean
  private readonly organisationColumns: Column[]
  private readonly cap: number
  private readonly firstRow: number
  private readonly valuesMasked: boolean
  private rowIndex = 0

  constructor(context: TableContext) {
    this.cap = context.cap ?? 10_000
    this.firstRow = context.firstRow ?? 2
    this.valuesMasked = context.valuesMasked ?? false
    this.columns = context.fields.map((field, index) => {
      const role = columnRole(field.title, field.name)
      const ctx = detectContext(role)
      const mask = field.mask && field.mask.type !== 'keep' ? (field.mask as MaskSpec) : undefined
      return {
        field,
        index,
        role,
        allow: allowedRules(field.privacy),
        mask,
        ctx,
        override: `/fields/${index}/privacy/allow`,
        scanned: SCANNED_TYPES.has(field.type),
        raised: false,
        names: 0,
        nonEmpty: 0,
      }
    })
    this.scanned = this.columns.filter((c) => c.scanned)
    this.organisationColumns = this.columns.filter((c) => c.role?.kind === 'organisation')
    this.institutionalTable = INSTITUTIONAL_TITLE.test(context.title ?? '')
    this.personalTable = this.columns.some((c) => c.role?.kind === 'strong')
    for (const [text, pointer] of [
      [context.title, '/title'],
      [context.description, '/description'],
    ] as const) {
      if (text) for (const f of scanText(text, pointer)) this.add(f)
    }
  }

  private add(f: PrivacyFinding): void {
    this.count++
    if (f.column !== undefined) {
      let rules = this.rulesByColumn.get(f.column)
      if (!rules) {
        rules = new Set()
        this.rulesByColumn.set(f.column, rules)
      }
      rules.add(f.rule)
    }
    if (!f.allowed) this.blocking++
    if (this.findings.length < this.cap) this.findings.push(f)
  }

  private finding(c: Column, rule: RuleCode, value: string, row: number, pointer: string): void {
    const allowed = c.allow.has(rule)
    this.add({
      pointer,
      rule,
      value: maskFinding(value, rule),
      override: c.override,
      row,
      column: c.field.name,
      ...(allowed ? { allowed } : {}),
    })
  }

  /**
   * Scans one row of values in field order (typed, or the CSV's strings). `row` is its CSV row
   * number when rows are skipped (default: the one after the last).
   */
  scanRow(values: readonly unknown[], row = this.firstRow + this.rowIndex): void {
    const index = row - this.firstRow
    this.rowIndex = index + 1
    let institutionalRow = this.institutionalTable
    if (!institutionalRow) {
      for (const c of this.organisationColumns) {
        const v = values[c.index]
        if (typeof v === 'string' && v.length >= 4 && ORGANISATION_VALUE.test(v.trim())) {
          institutionalRow = true
          break
        }
      }
    }
    // The previous cell when it was all digits: half of an ID split over two columns, maybe.
    let digitsBefore: Column | undefined
    let digitsText = ''
    for (const c of this.scanned) {
      const raw = cellText(values[c.index], c.role?.kind === 'amount')
      if (raw === undefined || raw === '') {
        digitsBefore = undefined
        continue
      }
      const text = c.mask && !this.valuesMasked ? maskValue(raw, c.mask) : raw
      c.nonEmpty++
      // This loop runs for every cell of every row published: no allocation unless something is found.
      const found = detectPersonalInfo(text, c.ctx)
      for (const d of found) {
        // A labelled address in a row about an institution is the institution's.
        if (d.rule === 'address' && institutionalRow) continue
        this.finding(c, d.rule, text.slice(d.start, d.end), row, this.cellPointer(index, c))
      }
      if (c.role) this.columnRules(c, text, row, index, institutionalRow, found)
      // An ID number split over two adjacent columns (310105 | 19850615001X).
      if (digitsBefore && digitsBefore.index === c.index - 1 && found.length === 0) {
        const joined = `${digitsText}${text.trim()}`
        if (
          (joined.length === 18 && isValidResidentId18(joined)) ||
          (joined.length === 15 && isValidResidentId15(joined))
        ) {
          this.finding(
            digitsBefore,
            'id_number',
            joined,
            row,
            this.cellPointer(index, digitsBefore)
          )
          this.finding(c, 'id_number', joined, row, this.cellPointer(index, c))
        }
      }
      digitsBefore = allDigits(text) ? c : undefined
      if (digitsBefore) digitsText = text.trim()
    }
  }

  private cellPointer(index: number, c: Column): string {
    return `/rows/${index}/${escapePointer(c.field.name)}`
  }

  /** Findings a column raises by what its title says, once per column. */
  private columnRules(
    c: Column,
    text: string,
    row: number,
    index: number,
    institutionalRow: boolean,
    found: readonly Detection[]
  ): void {
    const role = c.role
    if (!role || (role.kind !== 'strong' && role.kind !== 'weak')) return
    if (c.raised || c.mask || MASKED_OR_EMPTY.test(text)) return
    const at = `/columns/${escapePointer(c.field.name)}`
    if (role.kind === 'strong') {
      if (role.rule === 'name' && (NOT_A_PERSON.test(text) || ORGANISATION_VALUE.test(text))) return
      // A 证件号码 column of an enterprise list holds credit codes and registration numbers.
      if (role.rule === 'id_number' && isOrganisationCode(text)) return
      c.raised = true
      // The cell's own finding of the same kind already says it (and names the same override).
      if (!found.some((d) => d.rule === role.rule)) this.finding(c, role.rule, text, row, at)
      return
    }
    if (role.kind !== 'weak') return
    if (role.rule === 'name') {
      if (isChineseName(text)) {
        c.names++
        c.firstName ??= { value: text, row, index }
      }
      return
    }
    // Contact columns are the people's in a table about people, the institution's otherwise.
    if (institutionalRow || !this.personalTable || found.length > 0) return
    if (role.rule === 'address' && !DWELLING.test(text)) return
    c.raised = true
    this.finding(c, role.rule, text, row, at)
  }

  /** The report so far; columns of names (救助对象: 张三, 李四 …) are decided here, on all rows. */
  report(): PrivacyReport {
    for (const c of this.scanned) {
      if (c.role?.kind !== 'weak' || c.role.rule !== 'name' || c.raised || !c.firstName) continue
      if (c.names >= 2 && c.names >= 0.6 * c.nonEmpty) {
        c.raised = true
        this.finding(
          c,
          'name',
          c.firstName.value,
          c.firstName.row,
          `/columns/${escapePointer(c.field.name)}`
        )
      }
    }
    return { findings: this.findings, count: this.count, blocking: this.blocking }
  }
}

/** True for a 统一社会信用代码 or a 工商注册号 (an organisation's, never a person's number). */
function isOrganisationCode(text: string): boolean {
  const t = text.trim().toUpperCase()
  return isCreditCode(t) || (isBusinessRegNo(t) && !isValidResidentId15(t))
}

/** True for 3–17 digits (spaces around allowed): the first part of an ID split over two columns. */
function allDigits(text: string): boolean {
  const t = text.trim()
  if (t.length < 3 || t.length > 17) return false
  for (let i = 0; i < t.length; i++) {
    const x = t.charCodeAt(i)
    if (x < 48 || x > 57) return false
  }
  return true
}

/** Escapes a JSON pointer segment (~ and /). */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** A whole table to scan: its title, column names (or fields) and rows of values. */
export interface TableInput {
  title?: string
  description?: string
  columns: readonly (string | PrivacyField)[]
  rows: Iterable<readonly unknown[] | Record<string, unknown>>
}

/**
 * Scans a whole table. Columns may be names or table-schema fields (with `privacy.allow` and
 * `mask` declarations); rows are arrays in column order or objects keyed by column name.
 * @example scanTable({ title: '低保名单', columns: ['姓名', '金额'], rows: [['张三', '1520']] })
 */
export function scanTable(input: TableInput, options: { cap?: number } = {}): PrivacyReport {
  const fields = input.columns.map((c) => (typeof c === 'string' ? { name: c } : c))
  const scanner = new TableScanner({
    title: input.title,
    description: input.description,
    fields,
    cap: options.cap,
  })
  for (const r of input.rows) {
    scanner.scanRow(
      Array.isArray(r) ? r : fields.map((f) => (r as Record<string, unknown>)[f.name])
    )
  }
  return scanner.report()
}
