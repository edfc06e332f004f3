/**
 * The rule codes of the privacy guard, used alike by findings, `privacy.allow` declarations and
 * the details of a `personal_information` refusal.
 */
export const RULE_CODES = [
  'id_number',
  'mobile',
  'bank_card',
  'email',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
  'licence_plate',
  'name',
  'address',
  'person_in_text',
] as const

/** One rule code: what kind of personal information a finding is. */
export type RuleCode = (typeof RULE_CODES)[number]

const CODES = new Set<string>(RULE_CODES)

/** True when `s` is one of the {@link RULE_CODES}. */
export function isRuleCode(s: unknown): s is RuleCode {
  return typeof s === 'string' && CODES.has(s)
}

/** What each rule finds, in words for messages ("a mobile number"). */
export const RULE_LABELS: Record<RuleCode, string> = {
  id_number: 'a resident ID number (身份证号)',
  mobile: 'a personal phone number (手机号)',
  bank_card: 'a bank card number (银行卡号)',
  email: 'a personal e-mail address',
  passport: 'a passport number (护照号)',
  hk_macau_permit: 'a Hong Kong/Macau travel permit number (港澳通行证)',
  taiwan_permit: 'a Taiwan travel permit number (台湾通行证)',
  licence_plate: 'a licence plate (车牌号)',
  name: "a person's name (姓名)",
  address: 'a home address (住址)',
  person_in_text: 'text naming a person with an address or a benefit',
}

/** What each rule finds, in Chinese, for the portal's messages (手机号码). */
export const RULE_NAMES_ZH: Record<RuleCode, string> = {
  id_number: '身份证号码',
  mobile: '手机号码',
  bank_card: '银行卡号',
  email: '个人电子邮箱',
  passport: '护照号码',
  hk_macau_permit: '港澳通行证号码',
  taiwan_permit: '台湾通行证号码',
  licence_plate: '车牌号码',
  name: '个人姓名',
  address: '家庭住址',
  person_in_text: '可识别个人的文字（姓名与住址或救助情况）',
}
