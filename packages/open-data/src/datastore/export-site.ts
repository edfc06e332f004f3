import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { downloadUrl } from '../rdf/iris.js'
import { writeCatalogJsonLd } from '../rdf/jsonld.js'
import { writeCatalogTurtle } from '../rdf/turtle.js'
import type { CatalogMeta, Datastore, FileFormat } from './datastore.js'

/** What {@link exportSite} wrote. */
export interface ExportSiteResult {
  /** Files written, relative to the output folder. */
  files: string[]
  /** Datasets in the catalogue (not closed). */
  datasets: number
  /** Datasets whose data files were exported (unconditional only). */
  downloads: number
}

const FORMATS: FileFormat[] = ['csv', 'excel-csv', 'json', 'ndjson', 'csvw']

/**
 * Writes every public download plus the DCAT catalogue (`catalog.jsonld`, `catalog.ttl`) into
 * `outDir`, laid out like the download URLs (`datasets/<id>/versions/<n>/data.csv` …), ready for
 * a static host or CDN. Each CSVW document's `url` is the absolute URL of its version's
 * `data.csv`. Only `unconditional` datasets' files are copied (conditional ones need a
 * granted token, closed ones are never served); withdrawn versions are left out.
 */
export async function exportSite(
  ds: Datastore,
  options: { outDir: string; baseUrl: string; meta: CatalogMeta }
): Promise<ExportSiteResult> {
  const files: string[] = []
  const input = await ds.catalogInput(options.baseUrl, options.meta)
  let downloads = 0
  for (const entry of input.datasets) {
    if (entry.descriptor.openness !== 'unconditional') continue
    downloads++
    const id = entry.descriptor.id
    for (const v of entry.versions) {
      const rel = join('datasets', id, 'versions', String(v.version))
      await mkdir(join(options.outDir, rel), { recursive: true })
      for (const format of FORMATS) {
        const from = ds.filePath(id, v.version, format)
        const name = basename(from)
        const to = join(options.outDir, rel, name)
        if (format === 'csvw') {
          // The absolute download URL: the metadata then names its CSV wherever it is served from.
          const doc = JSON.parse(await readFile(from, 'utf8')) as Record<string, unknown>
          doc.url = downloadUrl(options.baseUrl, id, v.version, 'csv')
          await writeFile(to, `${JSON.stringify(doc, null, 2)}\n`)
        } else await copyFile(from, to)
        files.push(join(rel, name))
      }
    }
  }
  await mkdir(options.outDir, { recursive: true })
  await writeCatalogJsonLd(input, join(options.outDir, 'catalog.jsonld'))
  await writeCatalogTurtle(input, join(options.outDir, 'catalog.ttl'))
  files.push('catalog.jsonld', 'catalog.ttl')
  return { files, datasets: input.datasets.length, downloads }
}
