import { collectDiscriminators } from './discriminators.js'
import { type RawError, toValidationErrors } from './errors.js'
import type {
  Binding,
  BindingRules,
  Catalogue,
  CatalogueEntry,
  ContentItem,
  Dataset,
  TableSchema,
  TimeLimit,
  Vocabulary,
  WorkspaceConfig,
} from './generated/types.js'
import { binding } from './generated/validators/binding.js'
import { bindingRules } from './generated/validators/binding-rules.js'
import { catalogue } from './generated/validators/catalogue.js'
import { catalogueEntry } from './generated/validators/catalogue-entry.js'
import { contentItem } from './generated/validators/content-item.js'
import { dataset } from './generated/validators/dataset.js'
import { tableSchema } from './generated/validators/table-schema.js'
import { timeLimit } from './generated/validators/time-limit.js'
import { vocabulary } from './generated/validators/vocabulary.js'
import { workspaceConfig } from './generated/validators/workspace-config.js'
import { schemas } from './schemas.js'
import type { ValidateOptions, ValidationResult, Validator } from './validation-result.js'

/** Shape of an ajv standalone validate function. */
interface CompiledValidate {
  (data: unknown): boolean
  errors?: RawError[] | null
}

let discriminators: Map<string, string[]> | undefined
// Only error paths need the tag values, so they are read from the schemas on first use.
const discriminatorValues = (tag: string) => {
  discriminators ??= collectDiscriminators(schemas['time-limit'])
  return discriminators.get(tag)
}

/** Wraps a compiled validate function; on valid data it only calls it. */
function wrap<T>(compiled: unknown): Validator<T> {
  const fn = compiled as CompiledValidate
  return (data: unknown, options?: ValidateOptions): ValidationResult<T> => {
    let valid: boolean
    try {
      valid = fn(data)
    } catch {
      // Only non-JSON input (throwing getters, proxies) can get here.
      return {
        ok: false,
        errors: toValidationErrors(
          [{ keyword: 'unreadable', instancePath: '', schemaPath: '#', params: {} }],
          data,
          options?.locale ?? 'zh'
        ),
      }
    }
    if (valid) return { ok: true, value: data as T }
    return {
      ok: false,
      errors: toValidationErrors(fn.errors, data, options?.locale ?? 'zh', { discriminatorValues }),
    }
  }
}

/** Validates a whole catalogue (entries included); every error of the document, never a throw. */
export const validateCatalogue: Validator<Catalogue> = wrap(catalogue)
/** Validates one catalogue entry. */
export const validateCatalogueEntry: Validator<CatalogueEntry> = wrap(catalogueEntry)
/** Validates a structured time limit (公开时限). */
export const validateTimeLimit: Validator<TimeLimit> = wrap(timeLimit)
/** Validates a content item (a published document or page). */
export const validateContentItem: Validator<ContentItem> = wrap(contentItem)
/** Validates a binding of an entry to a content item. */
export const validateBinding: Validator<Binding> = wrap(binding)
/** Validates a workspace's bindings.json. */
export const validateBindingRules: Validator<BindingRules> = wrap(bindingRules)
/** Validates a dataset descriptor. */
export const validateDataset: Validator<Dataset> = wrap(dataset)
/** Validates a table schema. */
export const validateTableSchema: Validator<TableSchema> = wrap(tableSchema)
/** Validates a vocabulary file. */
export const validateVocabulary: Validator<Vocabulary> = wrap(vocabulary)
/** Validates a workspace's gongkai.config.json (defaults are filled by `parseConfig` of @gongkai/store). */
export const validateWorkspaceConfig: Validator<WorkspaceConfig> = wrap(workspaceConfig)
