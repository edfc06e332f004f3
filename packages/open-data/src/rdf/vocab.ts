import { GK_NS } from './iris.js'

/** Prefixes shared by the inlined JSON-LD context and the Turtle header (prefix -> namespace). */
export const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  gk: GK_NS,
} as const

const EU = 'http://publications.europa.eu/resource/authority/'

/** EU frequency authority IRIs for our update frequencies. */
export const FREQUENCY_IRIS: Readonly<Record<string, string>> = {
  continuous: `${EU}frequency/CONT`,
  daily: `${EU}frequency/DAILY`,
  weekly: `${EU}frequency/WEEKLY`,
  monthly: `${EU}frequency/MONTHLY`,
  quarterly: `${EU}frequency/QUARTERLY`,
  semiannual: `${EU}frequency/ANNUAL_2`,
  annual: `${EU}frequency/ANNUAL`,
  irregular: `${EU}frequency/IRREG`,
  never: `${EU}frequency/NEVER`,
}

/** Chinese words for the update frequencies (used in generated descriptions). */
export const FREQUENCY_LABELS: Readonly<Record<string, string>> = {
  continuous: '实时更新',
  daily: '每日更新',
  weekly: '每周更新',
  monthly: '每月更新',
  quarterly: '每季度更新',
  semiannual: '每半年更新',
  annual: '每年更新',
  irregular: '不定期更新',
  never: '不再更新',
}

/** EU access-right IRIs: the openness class seen through DCAT's `dct:accessRights`. */
export const ACCESS_RIGHTS_IRIS: Readonly<Record<string, string>> = {
  unconditional: `${EU}access-right/PUBLIC`,
  conditional: `${EU}access-right/RESTRICTED`,
  closed: `${EU}access-right/NON_PUBLIC`,
}

/** EU file-type IRIs (NDJSON has none, so it gets a project IRI). */
export const FORMAT_IRIS: Readonly<Record<string, string>> = {
  csv: `${EU}file-type/CSV`,
  json: `${EU}file-type/JSON`,
  ndjson: 'https://gongkai.dev/ns/format/ndjson',
}

/** EU language IRIs by primary language subtag. */
export const LANGUAGE_IRIS: Readonly<Record<string, string>> = {
  zh: `${EU}language/ZHO`,
  en: `${EU}language/ENG`,
  bo: `${EU}language/BOD`,
  ug: `${EU}language/UIG`,
  mn: `${EU}language/MON`,
  ja: `${EU}language/JPN`,
  ko: `${EU}language/KOR`,
  fr: `${EU}language/FRA`,
  de: `${EU}language/DEU`,
  ru: `${EU}language/RUS`,
  es: `${EU}language/SPA`,
}

/** English labels of the EU data-theme authority table (for `dcat:theme` concepts). */
export const EU_THEME_LABELS: Readonly<Record<string, string>> = {
  [`${EU}data-theme/AGRI`]: 'Agriculture, fisheries, forestry and food',
  [`${EU}data-theme/ECON`]: 'Economy and finance',
  [`${EU}data-theme/EDUC`]: 'Education, culture and sport',
  [`${EU}data-theme/ENER`]: 'Energy',
  [`${EU}data-theme/ENVI`]: 'Environment',
  [`${EU}data-theme/GOVE`]: 'Government and public sector',
  [`${EU}data-theme/HEAL`]: 'Health',
  [`${EU}data-theme/INTR`]: 'International issues',
  [`${EU}data-theme/JUST`]: 'Justice, legal system and public safety',
  [`${EU}data-theme/OP_DATPRO`]: 'Provisional data',
  [`${EU}data-theme/REGI`]: 'Regions and cities',
  [`${EU}data-theme/SOCI`]: 'Population and society',
  [`${EU}data-theme/TECH`]: 'Science and technology',
  [`${EU}data-theme/TRAN`]: 'Transport',
}

/** IANA media-type registry IRI, or undefined for unregistered (`x-`) or malformed types. */
export function ianaMediaTypeIri(mediaType: string): string | undefined {
  const bare = mediaType.split(';')[0]?.trim().toLowerCase() ?? ''
  const m = /^([a-z0-9][a-z0-9!#$&^_.+-]*)\/([a-z0-9][a-z0-9!#$&^_.+-]*)$/.exec(bare)
  if (!m || m[2]?.startsWith('x-')) return undefined
  return `https://www.iana.org/assignments/media-types/${bare}`
}
