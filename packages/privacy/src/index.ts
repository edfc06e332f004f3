export { type ColumnRole, columnRole, rulesOfLabel } from './column-titles.js'
export { allowedRules, type PrivacyDeclaration } from './declarations.js'
export {
  type DetectContext,
  type Detection,
  detectPersonalInfo,
  isInstitutionalMailbox,
} from './detect.js'
export { luhnValid } from './luhn.js'
export { type MaskSpec, type MaskType, maskFinding, maskPositions, maskValue } from './mask.js'
export { checkEntryPrivacy, type EntryPrivacy, privacyDeclarations } from './may-show.js'
export { type NormalisedText, normalise } from './normalise.js'
export { isBusinessRegNo, isCreditCode } from './org-codes.js'
export { blockingFindings, type PrivacyFinding } from './privacy-finding.js'
export {
  isPlausibleBirthDate,
  isValidResidentId15,
  isValidResidentId18,
  residentIdCheckDigit,
} from './resident-id.js'
export { isRuleCode, RULE_CODES, RULE_LABELS, RULE_NAMES_ZH, type RuleCode } from './rule-code.js'
export { maskExpiredPublicity, scanPublishedAnswer, scanRecord } from './scan-record.js'
export {
  escapePointer,
  type PrivacyField,
  type PrivacyReport,
  scanTable,
  type TableContext,
  type TableInput,
  TableScanner,
} from './scan-table.js'
export { maskPersonalInfo, scanText } from './scan-text.js'
export { isChineseName } from './surnames.js'
