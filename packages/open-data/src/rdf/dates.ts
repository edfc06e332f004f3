import { isCalendarDate, isIsoDate } from '@gongkai/text'

// DCAT-AP's own shapes skip the Dataset date checks (see the reference, SHACL gotcha 1), so we
// only ever emit a date literal whose lexical form is a real calendar date or instant.

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/

/** The XSD datatype (`xsd:date` or `xsd:dateTime`) of a valid ISO date/date-time string, else undefined. */
export function xsdDateType(value: string): 'xsd:date' | 'xsd:dateTime' | undefined {
  if (isIsoDate(value)) return 'xsd:date'
  const m = DATE_TIME.exec(value)
  return m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) ? 'xsd:dateTime' : undefined
}
