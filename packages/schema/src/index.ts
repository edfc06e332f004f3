export {
  type CompileRecordSchemaResult,
  compileRecordSchema,
} from './compile-record-schema'
export { formatError } from './errors'
export type {
  AfterEventTimeLimit,
  Agent,
  AttributeCode,
  BeforeEventTimeLimit,
  Binding,
  BindingRule,
  BindingRules,
  Catalogue,
  CatalogueEntry,
  ChannelCode,
  ChannelUse,
  ContentCategoryCode,
  ContentItem,
  ContentKind,
  Dataset,
  Distribution,
  DurationCode,
  EntryRef,
  EntrySource,
  FieldCode,
  FiveOpennessCode,
  FixedDateTimeLimit,
  InterpretationForm,
  LegalBasis,
  LevelCode,
  ModeCode,
  OpennessClass,
  Period,
  QualitativeTimeLimit,
  RecurringTimeLimit,
  SectorCode,
  TableField,
  TableSchema,
  TimeLimit,
  TriggerCode,
  ValidityCode,
  Vocabulary,
  VocabularyTerm,
  WithholdingGround,
  WorkspaceConfig,
} from './generated/types'
export { type Codegen, createKeywords, type GkOrderRule, type GkSumRule } from './keywords'
export { type MessageTemplate, messages } from './messages'
export { type SchemaName, schemas } from './schemas'
export type {
  Locale,
  ValidateOptions,
  ValidationError,
  ValidationResult,
  Validator,
} from './validation-result'
export {
  validateBinding,
  validateBindingRules,
  validateCatalogue,
  validateCatalogueEntry,
  validateContentItem,
  validateDataset,
  validateTableSchema,
  validateTimeLimit,
  validateVocabulary,
} from './validators'
export { labelOf, type VocabularyId, vocabularies } from './vocabularies'
