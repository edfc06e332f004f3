// The stock CKAN harvester of ckanext-harvest, replayed over a real socket. Source reproduced:
// ckan/ckanext-harvest, ckanext/harvest/harvesters/ckanharvester.py (CKANHarvester.gather_stage,
// _search_for_datasets, _get_organization, _get_group):
// https://github.com/ckan/ckanext-harvest/blob/master/ckanext/harvest/harvesters/ckanharvester.py
// - gather: GET {base}/api/3/action/package_search?<urlencode(params)> with params rows, start,
//   sort='id asc' and, when filters are configured, fq = ' '.join(fq_terms); the terms are
//   'organization:a OR organization:b' (organizations_filter_include), '-organization:x'
//   (…_exclude), the same for groups, and 'metadata_modified:[<since>Z TO *]' after a successful
//   job (<since> from datetime.isoformat()). It pages by adding rows to start until a page has no
//   results, and gives up when a page's content equals the previous page's;
// - the package dicts of the gather are the harvest objects' content (fetch does nothing); the
//   import looks up owner_org with organization_show?id= and groups with group_show?id=.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ORG } from '../../test-support.js'
import { ckanServer, fetchJson, ORG_B, PUBLIC_IDS } from './ckan-fixture.js'

type Server = Awaited<ReturnType<typeof ckanServer>>

/** Python's urlencode of an ordered dict: spaces as '+', everything else percent-encoded. */
function urlencode(params: [string, string][]): string {
  return params
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
    .join('&')
}

/** `_search_for_datasets`: every page until an empty one, as the harvester walks them. */
async function searchForDatasets(base: string, fqTerms: string[], rows = '1000') {
  const params: [string, string][] = [
    ['rows', rows],
    ['start', '0'],
    ['sort', 'id asc'],
  ]
  if (fqTerms.length) params.push(['fq', fqTerms.join(' ')])
  const pkgs: { id: string; [k: string]: unknown }[] = []
  const seen = new Set<string>()
  let previous: string | undefined
  const urls: string[] = []
  for (;;) {
    const url = `${base}/api/3/action/package_search?${urlencode(params)}`
    urls.push(url)
    const res = await fetch(url)
    const content = await res.text()
    expect(res.status, content).toBe(200)
    // "The paging doesn't seem to work" is the harvester's error for a repeated page.
    expect(content).not.toBe(previous)
    previous = content
    const page = JSON.parse(content).result.results as { id: string }[]
    for (const p of page) {
      expect(seen.has(p.id)).toBe(false)
      seen.add(p.id)
    }
    pkgs.push(...(page as { id: string }[]))
    if (page.length === 0) break
    const start = params.find((p) => p[0] === 'start') as [string, string]
    start[1] = String(Number(start[1]) + Number(rows))
  }
  return { pkgs, urls }
}

describe('ckanext-harvest CKAN harvester against /api/3/action', () => {
  let s: Server
  beforeAll(async () => {
    s = await ckanServer()
  }, 60_000)
  afterAll(async () => {
    await s.server.close()
    await s.store.close()
  })

  it('gathers every public dataset once, sorted by id, paged with start until an empty page', async () => {
    const { pkgs, urls } = await searchForDatasets(s.url, [])
    expect(pkgs.map((p) => p.id)).toEqual([...PUBLIC_IDS])
    expect(urls).toHaveLength(2)
    // Paged by 1 as well: same datasets, one per page, then the empty page.
    const small = await searchForDatasets(s.url, [], '1')
    expect(small.pkgs.map((p) => p.id)).toEqual([...PUBLIC_IDS])
    expect(small.urls).toHaveLength(PUBLIC_IDS.length + 1)
  })

  it('asks only for datasets modified since the last job (metadata_modified:[… TO *])', async () => {
    for (const since of ['2021-01-01T00:00:00Z', '2021-01-01T00:00:00.123456Z']) {
      const { pkgs } = await searchForDatasets(s.url, [`metadata_modified:[${since} TO *]`])
      expect(pkgs.map((p) => p.id)).toEqual([...PUBLIC_IDS])
    }
    // A time after every publication: nothing changed, and the harvester stops at once.
    const future = new Date(Date.now() + 86_400_000).toISOString()
    const none = await searchForDatasets(s.url, [`metadata_modified:[${future} TO *]`])
    expect(none.pkgs).toEqual([])
    // Bounded both ways, exclusive: the publication instants decide.
    const mid = await fetchJson(
      `${s.url}/api/3/action/package_search?${urlencode([
        ['fq', `metadata_modified:{* TO ${future}}`],
        ['rows', '0'],
      ])}`
    )
    expect(mid.result.count).toBe(PUBLIC_IDS.length)
  })

  it('applies the organisation and group filters of the harvest source config', async () => {
    const include = await searchForDatasets(s.url, [
      `organization:${ORG.id} OR organization:no-such-org`,
    ])
    expect(include.pkgs.map((p) => p.id)).toEqual(['cond', 'roads', 'schools'])
    const exclude = await searchForDatasets(s.url, [`-organization:${ORG.id}`])
    expect(exclude.pkgs.map((p) => p.id)).toEqual(['parks'])
    const both = await searchForDatasets(s.url, [
      `-organization:${ORG_B.id}`,
      '-groups:compulsory_education',
      'metadata_modified:[2021-01-01T00:00:00Z TO *]',
    ])
    expect(both.pkgs.map((p) => p.id)).toEqual(['roads'])
    const groups = await searchForDatasets(s.url, ['groups:compulsory_education'])
    expect(groups.pkgs.map((p) => p.id)).toEqual(['cond', 'schools'])
  })

  it('gives package dicts the import stage can use, and answers its organization_show / group_show', async () => {
    const { pkgs } = await searchForDatasets(s.url, [])
    for (const p of pkgs) {
      const pkg = p as unknown as Record<string, unknown> & {
        organization: Record<string, unknown>
        resources: Record<string, unknown>[]
        tags: Record<string, unknown>[]
        extras: Record<string, unknown>[]
        groups: Record<string, unknown>[]
      }
      expect(pkg.type).toBe('dataset')
      expect(pkg.name).toBe(pkg.id)
      expect(typeof pkg.title).toBe('string')
      expect(typeof pkg.owner_org).toBe('string')
      expect(pkg.organization.name).toBe(pkg.owner_org)
      // The import deletes/replaces these; they must be lists of dicts of the documented keys.
      for (const t of pkg.tags) expect(Object.keys(t)).toEqual(expect.arrayContaining(['name']))
      for (const e of pkg.extras) {
        expect(Object.keys(e).sort()).toEqual(['key', 'value'])
        expect(typeof e.value).toBe('string')
      }
      for (const r of pkg.resources) {
        expect(r).toMatchObject({ package_id: pkg.id, url_type: null })
        expect(String(r.url)).toMatch(/^http:\/\/127\.0\.0\.1\/datasets\//)
      }
      // fetch_stage keeps the gathered dict; package_show by id and by name is the same dict.
      const shown = await fetchJson(`${s.url}/api/3/action/package_show?id=${pkg.id}`)
      expect(shown.result).toEqual(pkg)

      const org = await fetchJson(`${s.url}/api/3/action/organization_show?id=${pkg.owner_org}`)
      expect(org.success).toBe(true)
      expect(org.result).toMatchObject({
        id: pkg.owner_org,
        name: pkg.owner_org,
        is_organization: true,
      })
      expect(org.result.title).toBe(pkg.organization.title)
      for (const g of pkg.groups) {
        const group = await fetchJson(`${s.url}/api/3/action/group_show?id=${g.id}`)
        expect(group.result).toMatchObject({ id: g.id, name: g.name, title: '义务教育' })
      }
    }
    const missing = await fetch(`${s.url}/api/3/action/organization_show?id=no-such-org`)
    expect(missing.status).toBe(404)
    expect(JSON.parse(await missing.text()).error.__type).toBe('Not Found Error')
  })

  it('never lets a 非开放 dataset through, whatever the query', async () => {
    for (const fq of ['name:hidden', 'openness:closed', '*:*', 'title:ZQX', '-name:schools']) {
      const r = await fetchJson(
        `${s.url}/api/3/action/package_search?${urlencode([
          ['fq', fq],
          ['rows', '1000'],
        ])}`
      )
      expect(r.result.results.map((p: { id: string }) => p.id)).not.toContain('hidden')
    }
    expect((await fetch(`${s.url}/api/3/action/package_show?id=hidden`)).status).toBe(404)
  })
})
