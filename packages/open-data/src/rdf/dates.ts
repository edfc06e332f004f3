// DCAT-AP's own shapes skip the Dataset date checks (see the reference, SHACL gotcha 1), so we
// only ever emit a date literal whose lexical form is a real calendar date or instant.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d+)?(Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/

function realDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] as number
  return d <= days
}

/** The XSD datatype (`xsd:date` or `xsd:dateTime`) of a valid ISO date/date-time string, else undefined. */
export function xsdDateType(value: string): 'xsd:date' | 'xsd:dateTime' | undefined {
  let m = DATE.exec(value)
  if (m) return realDay(Number(m[1]), Number(m[2]), Number(m[3])) ? 'xsd:date' : undefined
  m = DATE_TIME.exec(value)
  if (m) return realDay(Number(m[1]), Number(m[2]), Number(m[3])) ? 'xsd:dateTime' : undefined
  return undefined
}
