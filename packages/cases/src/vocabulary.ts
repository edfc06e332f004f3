// The fixed vocabularies of 依申请公开 requests (条例 Art. 31, 33; domain §3.9 and §15.1).
// Codes are stable identifiers: never rename one; labels are the printed Chinese texts.

/** How a request reached the organ (条例 Art. 31 fixes the receipt date per channel). */
export type Channel = 'in_person' | 'letter' | 'registered_mail' | 'online' | 'fax'

/** Every channel, in the order forms list them. */
export const CHANNELS: readonly Channel[] = [
  'in_person',
  'letter',
  'registered_mail',
  'online',
  'fax',
]

/** Channels that also get the offline registration deadline (domain §15.3: 当面, 信函). */
export const OFFLINE_CHANNELS: readonly Channel[] = ['in_person', 'letter', 'registered_mail']

/** Which Art. 31 date field names the receipt of each channel. */
export const RECEIPT_FIELD: Readonly<
  Record<Channel, 'submittedOn' | 'signedForOn' | 'confirmedOn'>
> = {
  in_person: 'submittedOn',
  registered_mail: 'signedForOn',
  letter: 'confirmedOn',
  online: 'confirmedOn',
  fax: 'confirmedOn',
}

/** Applicant types: the columns of table 三 (自然人, then the five kinds of 法人或其他组织). */
export type ApplicantType =
  | 'natural_person'
  | 'commercial'
  | 'research'
  | 'public_interest'
  | 'legal_services'
  | 'other'

/** Applicant types in the column order of table 三. */
export const APPLICANT_TYPES: readonly ApplicantType[] = [
  'natural_person',
  'commercial',
  'research',
  'public_interest',
  'legal_services',
  'other',
]

/** Printed labels of the applicant types. */
export const APPLICANT_TYPE_LABELS: Readonly<Record<ApplicantType, string>> = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他',
}

/** Annual-report reply codes (domain §3.9), in the row order of table 三. */
export const OUTCOME_CODES = [
  'granted',
  'partial',
  'refused.state_secret',
  'refused.law_prohibited',
  'refused.security_stability',
  'refused.third_party_rights',
  'refused.internal_affairs',
  'refused.process_info',
  'refused.enforcement_files',
  'refused.administrative_inquiry',
  'unable.not_held',
  'unable.needs_creation',
  'unable.unclear_after_correction',
  'not_processed.petition_complaint',
  'not_processed.repeated',
  'not_processed.publication',
  'not_processed.excessive',
  'not_processed.confirm_or_reissue',
  'other.correction_overdue',
  'other.fee_unpaid',
  'other.other',
] as const

/** One annual-report reply code, e.g. `refused.state_secret`. */
export type OutcomeCode = (typeof OUTCOME_CODES)[number]

const OUTCOME_SET: ReadonlySet<string> = new Set(OUTCOME_CODES)

/** True for a §3.9 reply code. */
export const isOutcomeCode = (value: unknown): value is OutcomeCode =>
  typeof value === 'string' && OUTCOME_SET.has(value)

/** Groups of table 三 （一）–（六） with their printed labels and items. */
export const OUTCOME_GROUPS: readonly {
  key: 'granted' | 'partial' | 'refused' | 'unable' | 'not_processed' | 'other'
  label: string
  items: readonly { code: OutcomeCode; label: string }[]
}[] = [
  { key: 'granted', label: '（一）予以公开', items: [{ code: 'granted', label: '' }] },
  {
    key: 'partial',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    items: [{ code: 'partial', label: '' }],
  },
  {
    key: 'refused',
    label: '（三）不予公开',
    items: [
      { code: 'refused.state_secret', label: '1．属于国家秘密' },
      { code: 'refused.law_prohibited', label: '2．其他法律行政法规禁止公开' },
      { code: 'refused.security_stability', label: '3．危及“三安全一稳定”' },
      { code: 'refused.third_party_rights', label: '4．保护第三方合法权益' },
      { code: 'refused.internal_affairs', label: '5．属于三类内部事务信息' },
      { code: 'refused.process_info', label: '6．属于四类过程性信息' },
      { code: 'refused.enforcement_files', label: '7．属于行政执法案卷' },
      { code: 'refused.administrative_inquiry', label: '8．属于行政查询事项' },
    ],
  },
  {
    key: 'unable',
    label: '（四）无法提供',
    items: [
      { code: 'unable.not_held', label: '1．本机关不掌握相关政府信息' },
      { code: 'unable.needs_creation', label: '2．没有现成信息需要另行制作' },
      { code: 'unable.unclear_after_correction', label: '3．补正后申请内容仍不明确' },
    ],
  },
  {
    key: 'not_processed',
    label: '（五）不予处理',
    items: [
      { code: 'not_processed.petition_complaint', label: '1．信访举报投诉类申请' },
      { code: 'not_processed.repeated', label: '2．重复申请' },
      { code: 'not_processed.publication', label: '3．要求提供公开出版物' },
      { code: 'not_processed.excessive', label: '4．无正当理由大量反复申请' },
      {
        code: 'not_processed.confirm_or_reissue',
        label: '5．要求行政机关确认或重新出具已获取信息',
      },
    ],
  },
  {
    key: 'other',
    label: '（六）其他处理',
    items: [
      {
        code: 'other.correction_overdue',
        label: '1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      },
      {
        code: 'other.fee_unpaid',
        label: '2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      },
      { code: 'other.other', label: '3．其他' },
    ],
  },
]

/** Outcome of a 行政复议 or 行政诉讼 (table 四 columns 结果维持 · 结果纠正 · 其他结果). */
export type ReviewResult = 'upheld' | 'corrected' | 'other'

/** Review and litigation results. */
export const REVIEW_RESULTS: readonly ReviewResult[] = ['upheld', 'corrected', 'other']

/** Who is consulted (条例 Art. 32 third parties, Art. 34 other organs). */
export type ConsultationParty = 'third_party' | 'organ'

/** How a 信息处理费 is charged (国办函〔2020〕109号): per request (按件) or per volume (按量). */
export type FeeMode = 'per_request' | 'per_volume'
