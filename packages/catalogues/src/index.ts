export {
  catalogueIds,
  catalogues,
  type FieldInfo,
  fields,
  getCatalogue,
  getRecordExamples,
  type RecordExamples,
  recordExamples,
  templates,
} from './catalogues'
