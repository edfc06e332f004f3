/** The descriptor fields a schema.org Dataset is derived from. */
export interface SchemaOrgInput {
  id: string
  title: string
  description: string
  license: string
  publisher: { name: string }
  keywords?: string[]
  modified?: string
}

/** A minimal schema.org Dataset from the descriptor, for when the source has none to offer. */
export function fallbackSchemaOrg(d: SchemaOrgInput, base: string): object {
  const url = `${base}/datasets/${encodeURIComponent(d.id)}`
  return {
    '@context': 'https://schema.org/',
    '@type': 'Dataset',
    '@id': url,
    url,
    name: d.title,
    description: d.description,
    license: d.license,
    inLanguage: 'zh-CN',
    keywords: d.keywords,
    dateModified: d.modified,
    publisher: { '@type': 'Organization', name: d.publisher.name },
    distribution: ['csv', 'json'].map((f) => ({
      '@type': 'DataDownload',
      encodingFormat: f === 'csv' ? 'text/csv' : 'application/json',
      contentUrl: `${url}.${f}`,
    })),
  }
}
