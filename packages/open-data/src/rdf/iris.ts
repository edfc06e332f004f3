import type { CatalogPageFormat } from './catalog-input.js'

// Stable IRIs: every node we emit gets one of these (no blank nodes), derived only from the
// configured base URL and stable ids, so harvesters see the same IRI in every export.

/** File formats a dataset version is published in. */
export type DistributionFormat = 'csv' | 'json' | 'ndjson'

const FILE_NAMES: Record<DistributionFormat, string> = {
  csv: 'data.csv',
  json: 'data.json',
  ndjson: 'data.ndjson',
}

/** The base URL without trailing slashes. */
export function normalizeBaseUrl(baseUrl: string): string {
  let end = baseUrl.length
  while (end > 0 && baseUrl.charCodeAt(end - 1) === 47) end--
  return baseUrl.slice(0, end)
}

const seg = (s: string | number): string => encodeURIComponent(String(s))

/** `<baseUrl>/catalog` */
export function catalogIri(baseUrl: string): string {
  return `${normalizeBaseUrl(baseUrl)}/catalog`
}

/**
 * `<baseUrl>/catalog?page=<n>`, or `<baseUrl>/catalog.<format>?page=<n>`: one page of the
 * catalogue, in the format it was asked in (as ckanext-dcat's own pages keep their path).
 */
export function catalogPageIri(baseUrl: string, page: number, format?: CatalogPageFormat): string {
  return `${catalogIri(baseUrl)}${format ? `.${format}` : ''}?page=${page}`
}

/** `<baseUrl>/datasets/<id>` */
export function datasetIri(baseUrl: string, id: string): string {
  return `${normalizeBaseUrl(baseUrl)}/datasets/${seg(id)}`
}

/** `<baseUrl>/datasets/<id>/versions/<n>`: one immutable published version. */
export function versionIri(baseUrl: string, id: string, version: number): string {
  return `${datasetIri(baseUrl, id)}/versions/${seg(version)}`
}

/** `<baseUrl>/datasets/<id>/versions/<n>/distributions/<format>` */
export function distributionIri(
  baseUrl: string,
  id: string,
  version: number,
  format: string
): string {
  return `${versionIri(baseUrl, id, version)}/distributions/${seg(format)}`
}

/** `<baseUrl>/datasets/<id>/versions/<n>/data.<ext>`: the file a distribution downloads. */
export function downloadUrl(
  baseUrl: string,
  id: string,
  version: number,
  format: DistributionFormat
): string {
  return `${versionIri(baseUrl, id, version)}/${FILE_NAMES[format]}`
}

/** `<baseUrl>/datasets/<id>/versions/<n>/data.csv-metadata.json`: CSVW table metadata. */
export function csvwMetadataUrl(baseUrl: string, id: string, version: number): string {
  return `${versionIri(baseUrl, id, version)}/data.csv-metadata.json`
}

/** `<baseUrl>/organisations/<publisherId>` */
export function agentIri(baseUrl: string, publisherId: string): string {
  return `${normalizeBaseUrl(baseUrl)}/organisations/${seg(publisherId)}`
}

/** `<baseUrl>/api/v1`: the REST API as a DCAT data service (also its endpoint URL). */
export function dataServiceIri(baseUrl: string): string {
  return `${normalizeBaseUrl(baseUrl)}/api/v1`
}

/** Namespace of the project's own terms. */
export const GK_NS = 'https://gongkai.dev/ns#'

/** `https://gongkai.dev/ns/openness/<class>` */
export function opennessIri(openness: string): string {
  return `https://gongkai.dev/ns/openness/${seg(openness)}`
}

/** `https://gongkai.dev/ns/field/<code>` */
export function fieldIri(code: string): string {
  return `https://gongkai.dev/ns/field/${seg(code)}`
}
