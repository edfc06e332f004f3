export { BINARY_SNIFF_BYTES, EXPORT_CSV_HINT, sniffBinary } from './binary-sniff.js'
export { type ByteDecoder, type ByteDecoderOptions, createByteDecoder } from './byte-decoder.js'
export {
  cesu8SurrogateLength,
  gb18030SequenceLength,
  hexBytes,
  utf8SequenceLength,
} from './byte-sequences.js'
export { daysInMonth, isCalendarDate, isIsoDate, isLeapYear } from './calendar-date.js'
export { DELIMITERS, type Delimiter, sniffDelimiter } from './csv-delimiter.js'
export { type CsvFormatOptions, csvField, csvRow, formatCsv } from './csv-format.js'
export { type CsvIssue, type CsvParseOptions, CsvParser, parseCsv } from './csv-parser.js'
export {
  type ByteOffence,
  bomLength,
  CANDIDATE_ENCODINGS,
  decideEncoding,
  type EncodingDecision,
  encodingFromBom,
  Gb18030Evidence,
  incompleteUtf8Tail,
  needsGb18030Evidence,
  type TextEncoding,
  Utf8Evidence,
} from './encoding-evidence.js'
export { escapeXml } from './escape-xml.js'
export {
  describeEscapedBytes,
  escapeByte,
  findEscapedBytes,
  hasEscapedBytes,
  showEscapedBytes,
} from './escaped-bytes.js'
export {
  EXCEL_CSV_BOM,
  excelCsvRow,
  excelText,
  excelTextValue,
  formatExcelCsv,
} from './excel-csv.js'
export { decodeEntities } from './html-entities.js'
export { LINK_URL_PATTERN, linkUrl } from './link-url.js'
