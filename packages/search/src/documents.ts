import { maskPersonalInfo } from '@gongkai/privacy'
import type { Catalogue, ContentItem, Dataset } from '@gongkai/schema'
import type { SearchDoc, SearchText, TextClass } from './search-doc.js'

const text = (name: string, cls: TextClass, value: string | undefined): SearchText[] =>
  value?.trim() ? [{ name, class: cls, text: value }] : []

const yearOf = (date: string | undefined) => {
  const y = date ? Number(date.slice(0, 4)) : Number.NaN
  return Number.isInteger(y) && y > 1900 ? y : undefined
}

/** The entry's name as the portal shows it: its item levels joined by ` / `. */
export function entryName(entry: Catalogue['entries'][number]): string {
  return [entry.item.level1, entry.item.level2, entry.item.level3].filter(Boolean).join(' / ')
}

/**
 * The entries of one (resolved) catalogue as search documents: the name counts most, then code,
 * catalogue and field, then the content elements, legal basis and responsible bodies.
 * @example entryDocs(resolved, { fieldName: '社会救助' })
 */
export function entryDocs(catalogue: Catalogue, options: { fieldName?: string } = {}): SearchDoc[] {
  return catalogue.entries.map((entry) => ({
    type: 'entry',
    id: `${catalogue.id}/${entry.id}`,
    title: entryName(entry),
    url: `/catalogues/${encodeURIComponent(catalogue.id)}/entries/${encodeURIComponent(entry.id)}`,
    texts: [
      ...text('title', 'title', entryName(entry)),
      ...text('code', 'ids', entry.code),
      ...text('category', 'meta', entry.category),
      // A standard catalogue's title says 基层政务公开标准目录 in every field (the field's name is
      // given apart); a committee's or institution's names whose catalogue it is.
      ...text('catalogue', 'meta', catalogue.kind === 'standard' ? undefined : catalogue.title),
      ...text('field', 'meta', options.fieldName),
      ...text('responsibleBodies', 'meta', entry.responsibleBodies.join('、')),
      ...text('contentElements', 'body', entry.contentElements.join('、')),
      ...text(
        'legalBasis',
        'body',
        entry.legalBasis.map((b) => `${b.title}${b.docNo ? `（${b.docNo}）` : ''}`).join('、')
      ),
    ],
    fields: catalogue.field ? [catalogue.field] : [],
    organs: [],
  }))
}

/**
 * An imported document: title, 文号, 索引号, issuer, topic, column and summary. Its texts pass the
 * privacy guard's mask first: they are another site's publication, and a personal detail in them
 * must not become findable here. `fields` are the field codes of the entries it is bound to.
 */
export function documentDoc(item: ContentItem, options: { fields?: string[] } = {}): SearchDoc {
  const mask = (s: string | undefined) => (s === undefined ? undefined : maskPersonalInfo(s))
  const title = mask(item.title) as string
  const date = item.publishedAt?.slice(0, 10) ?? item.formedAt?.slice(0, 10)
  const year = yearOf(date)
  return {
    type: 'document',
    id: item.url,
    title,
    url: item.url,
    texts: [
      ...text('title', 'title', title),
      ...text('docNo', 'ids', item.docNo),
      ...text('indexNo', 'ids', item.indexNo),
      ...text('issuer', 'meta', item.issuer),
      ...text('topic', 'meta', item.topic),
      ...text('column', 'meta', item.column),
      ...text('summary', 'body', mask(item.summary)),
    ],
    fields: [...new Set(options.fields ?? [])].sort(),
    organs: item.issuer ? [item.issuer] : [],
    ...(year !== undefined ? { year } : {}),
    ...(date ? { date } : {}),
  }
}

/** A published dataset: title, description, keywords, publisher, and its columns' names and titles. */
export function datasetDoc(dataset: Dataset, options: { url?: string } = {}): SearchDoc {
  const date = (dataset.modified ?? dataset.issued)?.slice(0, 10)
  const year = yearOf(dataset.issued ?? dataset.modified)
  const columns = dataset.tableSchema?.fields ?? []
  return {
    type: 'dataset',
    id: dataset.id,
    title: dataset.title,
    url: options.url ?? `/datasets/${encodeURIComponent(dataset.id)}`,
    texts: [
      ...text('title', 'title', dataset.title),
      ...text('keywords', 'ids', dataset.keywords?.join('、')),
      ...text('fieldTitles', 'meta', columns.map((f) => f.title ?? f.name).join('、')),
      ...text('fieldNames', 'meta', columns.map((f) => f.name).join(' ')),
      ...text('publisher', 'meta', dataset.publisher.name),
      ...text('description', 'body', dataset.description),
    ],
    fields: dataset.field ? [dataset.field] : [],
    organs: [dataset.publisher.name],
    ...(year !== undefined ? { year } : {}),
    ...(date ? { date } : {}),
  }
}

/** A published answer (答复) of a request or message, as @gongkai/cases will publish it. */
export interface PublishedAnswer {
  id: string
  /** The question as published (the subject line). */
  title: string
  /** The answer's text. */
  body: string
  /** Organ name that answered. */
  organ?: string
  field?: string
  /** Date of the answer (YYYY-MM-DD). */
  answeredAt?: string
  /** Portal path of the published answer. */
  url: string
}

/**
 * A published answer as a search document. Every text is masked by the privacy guard first, with
 * nothing allowed (as `scanPublishedAnswer`): an applicant's name, number or address never
 * reaches the index even when a published answer slipped one through.
 */
export function answerDoc(answer: PublishedAnswer): SearchDoc {
  const title = maskPersonalInfo(answer.title)
  const date = answer.answeredAt?.slice(0, 10)
  const year = yearOf(date)
  return {
    type: 'answer',
    id: answer.id,
    title,
    url: answer.url,
    texts: [
      ...text('title', 'title', title),
      ...text('organ', 'meta', answer.organ),
      ...text('body', 'body', maskPersonalInfo(answer.body)),
    ],
    fields: answer.field ? [answer.field] : [],
    organs: answer.organ ? [answer.organ] : [],
    ...(year !== undefined ? { year } : {}),
    ...(date ? { date } : {}),
  }
}
