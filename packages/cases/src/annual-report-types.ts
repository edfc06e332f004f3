import {
  APPLICANT_TYPES,
  type ApplicantType,
  OUTCOME_CODES,
  type OutcomeCode,
} from './vocabulary.js'

/** Columns of table 三: the six applicant types, then `total`. */
export type Table3Column = ApplicantType | 'total'

/** Rows of table 三: received this year, carried in, every §3.9 code, （七）总计, carried out. */
export type Table3Row = 'new' | 'carried_in' | OutcomeCode | 'total' | 'carried_out'

/** Rows of table 四. */
export type Table4Row = 'review' | 'litigation_direct' | 'litigation_after_review'

/** Columns of table 四. */
export type Table4Column = 'upheld' | 'corrected' | 'other' | 'pending' | 'total'

/** Table 三 columns in print order. */
export const TABLE3_COLUMNS: readonly Table3Column[] = [...APPLICANT_TYPES, 'total']

/** Table 三 rows in print order. */
export const TABLE3_ROWS: readonly Table3Row[] = [
  'new',
  'carried_in',
  ...OUTCOME_CODES,
  'total',
  'carried_out',
]

/** Table 四 rows in print order. */
export const TABLE4_ROWS: readonly Table4Row[] = [
  'review',
  'litigation_direct',
  'litigation_after_review',
]

/** Table 四 columns in print order. */
export const TABLE4_COLUMNS: readonly Table4Column[] = [
  'upheld',
  'corrected',
  'other',
  'pending',
  'total',
]

/** 本年制发件数 · 本年废止件数 · 现行有效件数 of one kind of document (第二十条第（一）项). */
export interface Table2Documents {
  formed: number
  repealed: number
  in_force: number
}

/** Table 二 (主动公开政府信息情况). */
export interface Table2 {
  /** 规章 */
  rule: Table2Documents
  /** 行政规范性文件 */
  normative_document: Table2Documents
  /** 行政许可: 本年处理决定数量 (第二十条第（五）项) */
  permit: { decisions: number }
  /** 行政处罚 (第二十条第（六）项) */
  penalty: { decisions: number }
  /** 行政强制 (第二十条第（六）项) */
  coercion: { decisions: number }
  /** 行政事业性收费: 本年收费金额（万元） (第二十条第（八）项) */
  fee: { amount_wan_yuan: number }
}

/** The prose parts, kept as editable text (Markdown or plain). */
export interface AnnualReportText {
  /** 一、总体情况 */
  overview?: string
  /** 五、存在的主要问题及改进情况 */
  problems?: string
  /** 六、其他需要报告的事项 (the fee statement is added from `fees`) */
  other?: string
}

/**
 * The annual report (年度报告) in the national format of 国办公开办函〔2021〕30号 (domain §15.1).
 * Cells are addressed as `table3.<row>.<column>`, e.g. `table3.total.natural_person`.
 */
export interface AnnualReport {
  format: '国办公开办函〔2021〕30号'
  year: number
  organ: { id: string; name?: string; kind?: 'department' | 'government' }
  /** Organs whose cases are included besides the organ's own (a government's report). */
  include: string[]
  /** Publication deadline (条例 Art. 49): 01-31 (departments) or 03-31 (governments) of the next year. */
  dueDate?: string
  table2: Table2
  table3: Record<Table3Row, Record<Table3Column, number>>
  table4: Record<Table4Row, Record<Table4Column, number>>
  /** Part 六: the 信息处理费 collected this year, summed from `fee_paid` events. */
  fees: { count: number; totalYuan: number }
  text: AnnualReportText
}
