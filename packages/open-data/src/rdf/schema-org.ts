import { labelOf } from '@gongkai/schema'
import type { CatalogInput } from './catalog-input.js'
import { xsdDateType } from './dates.js'
import { catalogIri, datasetIri, downloadUrl, normalizeBaseUrl } from './iris.js'
import { FREQUENCY_LABELS } from './vocab.js'

const MIN_DESCRIPTION = 50
const MAX_DESCRIPTION = 5000
const SENTENCE_END = /[。！？!?.；;]/

const codePoints = (s: string): number => {
  let n = 0
  for (const _ of s) n++
  return n
}

/**
 * A description Google Dataset Search accepts (50–5000 characters, counted as code points like
 * SHACL does). A short one is extended with facts from the metadata rather than padded, so the
 * extra text is true and the same input always gives the same text; a long one is cut at the last
 * sentence end that fits.
 */
export function searchDescription(description: string, facts: readonly string[]): string {
  let out = description.trim()
  if (codePoints(out) < MIN_DESCRIPTION) {
    for (const fact of facts) {
      if (codePoints(out) >= MIN_DESCRIPTION) break
      out += (out === '' || SENTENCE_END.test(out.slice(-1)) ? '' : '。') + fact
    }
  }
  if (codePoints(out) > MAX_DESCRIPTION) {
    const chars = [...out].slice(0, MAX_DESCRIPTION)
    let cut = chars.length
    while (cut > MIN_DESCRIPTION && !SENTENCE_END.test(chars[cut - 1] as string)) cut--
    // No sentence end in reach: cut hard and mark the cut.
    out =
      cut > MIN_DESCRIPTION
        ? chars.slice(0, cut).join('')
        : `${chars.slice(0, MAX_DESCRIPTION - 1).join('')}…`
  }
  return out
}

/**
 * schema.org `Dataset` JSON-LD for a dataset's landing page (Google Dataset Search), or undefined
 * when the dataset is absent or closed. The context is inlined (`@vocab` http://schema.org/, as
 * schema.org's own context does), so nothing is fetched and the community shapes match.
 */
export function schemaOrgDataset(
  input: CatalogInput,
  datasetId: string
): Record<string, unknown> | undefined {
  const entry = input.datasets.find((e) => e.descriptor.id === datasetId)
  if (!entry || entry.descriptor.openness === 'closed') return undefined
  const d = entry.descriptor
  const base = normalizeBaseUrl(input.baseUrl)
  const versions = [...entry.versions].sort((a, b) => a.version - b.version)
  const latest = versions[versions.length - 1]

  const facts = [
    `本数据集由${d.publisher.name}发布。`,
    d.field ? `所属领域：${labelOf('fields', d.field) ?? d.field}。` : '',
    latest ? `当前版本 ${latest.version} 共 ${latest.rowCount} 行数据。` : '',
    d.updateFrequency
      ? `更新频率：${FREQUENCY_LABELS[d.updateFrequency] ?? d.updateFrequency}。`
      : '',
    d.keywords?.length ? `关键词：${d.keywords.join('、')}。` : '',
    `数据集标识：${d.id}，发布于${input.title}。`,
    // A licence dropped as unsafe by the open-data/002 migration leaves the sentence out.
    d.license ? `数据可按许可协议 ${d.license} 下载使用。` : '',
    // Always long enough on its own with the facts above, so the minimum is guaranteed.
    '本页面提供该数据集的元数据、版本历史与下载链接，数据以 CSV、JSON 和 NDJSON 等开放格式提供。',
  ].filter((f) => f !== '')

  const url = d.landingPage ?? datasetIri(base, d.id)
  const doc: Record<string, unknown> = {
    '@context': { '@vocab': 'http://schema.org/' },
    '@type': 'Dataset',
    '@id': datasetIri(base, d.id),
    name: d.title,
    description: searchDescription(d.description, facts),
    url,
    identifier: d.id,
    license: d.license,
    isAccessibleForFree: true,
    inLanguage: d.language ?? input.language ?? 'zh-CN',
    creator: {
      '@type': 'Organization',
      name: d.publisher.name,
      ...(d.publisher.url ? { url: d.publisher.url } : {}),
    },
    publisher: { '@type': 'Organization', name: d.publisher.name },
    includedInDataCatalog: { '@type': 'DataCatalog', name: input.title, url: catalogIri(base) },
  }
  if (d.keywords?.length) doc.keywords = d.keywords
  if (latest) doc.version = String(latest.version)
  const modified = d.modified ?? latest?.publishedAt
  if (modified && xsdDateType(modified)) doc.dateModified = modified
  if (d.issued && xsdDateType(d.issued)) doc.datePublished = d.issued
  if (d.temporal && (d.temporal.start || d.temporal.end)) {
    doc.temporalCoverage = `${d.temporal.start ?? '..'}/${d.temporal.end ?? '..'}`
  }
  if (d.spatial) doc.spatialCoverage = { '@type': 'Place', name: d.spatial.name }
  if (latest) {
    doc.distribution = latest.files.map((f) => ({
      '@type': 'DataDownload',
      contentUrl: downloadUrl(base, d.id, latest.version, f.format),
      encodingFormat: f.mediaType,
      contentSize: `${f.bytes} B`,
      dateModified: latest.publishedAt,
      version: String(latest.version),
    }))
  }
  return doc
}
