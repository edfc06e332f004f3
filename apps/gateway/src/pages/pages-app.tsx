import { compileRecordSchema } from '@gongkai/schema'
import { formatCsv } from '@gongkai/text'
import { type Context, Hono } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { portalCss, portalCssHash } from './assets/portal-css'
import { CataloguePage, CataloguesPage, EntryPage } from './catalogue-pages'
import { catalogueRows, type EntrySummary, filterEntries } from './catalogue-table'
import {
  CommitteePage,
  CommitteesPage,
  LoginPage,
  NewRecordPage,
  PrintPage,
  RecordPage,
} from './committee-pages'
import { DatasetPage, DatasetsPage, PREVIEW_ROWS } from './dataset-pages'
import { DocumentsPage } from './documents-page'
import { HomePage, SearchPage, searchDatasets, searchEntries } from './home-pages'
import { Layout } from './layout'
import type { PortalSource } from './portal-source'
import { addRows, type FieldError, placeErrors } from './record-form'
import { type FormValues, formModel, parseForm } from './record-form-model'
import { ReportsPage } from './reports-page'
import {
  LOGIN_CSRF_COOKIE,
  randomSecret,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type Session,
  type SessionStore,
  sameSecret,
} from './sessions'

/** Options of {@link portalApp}. */
export interface PortalOptions {
  sessions: SessionStore
  /** Public base URL without trailing slash: QR codes and curl examples point at it. */
  baseUrl: string
  now?: () => Date
  /** Called with the token id behind a page write, so the gateway's audit log names who wrote. */
  onWriter?: (c: Context, tokenId: string | null) => Promise<void> | void
}

const text = (v: string | undefined, max = 200) => (v ?? '').trim().slice(0, max)

function page(c: Context, node: unknown, status: 200 | 400 | 403 | 404 | 422 = 200) {
  c.header('cache-control', 'no-cache')
  return c.html(`<!doctype html>${String(node)}`, status)
}

function notFound(c: Context, what: string) {
  return page(
    c,
    <Layout title="页面不存在" crumbs={[{ label: '首页', href: '/' }, { label: '页面不存在' }]}>
      <p>{`没有找到${what}。`}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </Layout>,
    404
  )
}

function forbidden(c: Context, why: string) {
  return page(
    c,
    <Layout title="无法完成操作" crumbs={[{ label: '首页', href: '/' }, { label: '无法完成操作' }]}>
      <p>{why}</p>
      <p>
        <a href="/committees/login">重新登录</a>
      </p>
    </Layout>,
    403
  )
}

async function formValues(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody()
  const out: FormValues = {}
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v
  return out
}

/**
 * The portal pages on a {@link PortalSource}: server-rendered, usable without JavaScript. Writes
 * need a committee session (HttpOnly, SameSite=Strict cookie) and the session's CSRF token.
 */
export function portalApp(source: PortalSource, options: PortalOptions): Hono {
  const app = new Hono()
  const now = options.now ?? (() => new Date())
  const base = options.baseUrl.replace(/\/+$/, '')

  const secure = (c: Context) =>
    new URL(c.req.url).protocol === 'https:' || base.startsWith('https:')
  const session = (c: Context): Promise<Session | undefined> =>
    options.sessions.get(getCookie(c, SESSION_COOKIE), now())

  app.get('/assets/portal.css', (c) => {
    // Versioned URL (?v=hash): the content never changes under it, so cache it for a year.
    const versioned = c.req.query('v') === portalCssHash
    c.header('content-type', 'text/css; charset=utf-8')
    c.header(
      'cache-control',
      versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
    )
    return c.body(portalCss)
  })

  app.get('/', async (c) => {
    const [catalogues, documents, datasets] = await Promise.all([
      source.catalogues(),
      source.documents?.(),
      source.datasets?.(),
    ])
    return page(
      c,
      <HomePage
        catalogues={catalogues.filter((x) => !x.template || x.kind !== 'standard')}
        documents={documents?.length}
        datasets={datasets?.length}
      />
    )
  })

  app.get('/search', async (c) => {
    const q = text(c.req.query('q'), 100)
    if (!q) return page(c, <SearchPage q="" entries={[]} />)
    const [catalogues, documents, datasets] = await Promise.all([
      source.catalogues(),
      source.documents?.(),
      source.datasets?.(),
    ])
    return page(
      c,
      <SearchPage
        q={q}
        entries={searchEntries(catalogues, q)}
        documents={documents?.filter((d) =>
          [d.title, d.docNo ?? '', d.issuer ?? '', d.summary ?? ''].some((t) => t.includes(q))
        )}
        datasets={datasets ? searchDatasets(datasets, q) : undefined}
      />
    )
  })

  app.get('/catalogues', async (c) => {
    const kind = text(c.req.query('kind'), 40) || undefined
    const field = text(c.req.query('field'), 60) || undefined
    return page(
      c,
      <CataloguesPage catalogues={await source.catalogues()} kind={kind} field={field} />
    )
  })

  const catalogueCsv = async (c: Context, id: string) => {
    const cat = await source.catalogue(id)
    if (!cat) return notFound(c, `目录“${id}”`)
    const entries = filterEntries(cat.entries, {
      department: text(c.req.query('department')) || undefined,
      channel: text(c.req.query('channel')) || undefined,
      q: text(c.req.query('q')) || undefined,
    })
    c.header('content-type', 'text/csv; charset=utf-8')
    c.header('content-disposition', `attachment; filename="${cat.id}.csv"`)
    c.header('cache-control', 'public, max-age=300')
    // A UTF-8 BOM so Excel opens the Chinese text correctly.
    return c.body(formatCsv(catalogueRows(cat, entries), { bom: true }))
  }

  app.get('/catalogues/:id', async (c) => {
    const rawId = c.req.param('id')
    if (rawId.endsWith('.csv')) return catalogueCsv(c, rawId.slice(0, -4))
    const cat = await source.catalogue(rawId)
    if (!cat) return notFound(c, `目录“${rawId}”`)
    const all = await source.catalogues()
    const fields = all
      .filter((x) => x.kind === 'standard' && x.field && !x.template)
      .map((x) => ({ code: x.field as string, catalogueId: x.id }))
    const field = text(c.req.query('field'), 60)
    const filter = {
      department: text(c.req.query('department')) || undefined,
      channel: text(c.req.query('channel'), 60) || undefined,
      q: text(c.req.query('q'), 100) || undefined,
    }
    // Choosing another field in the filter form opens that field's catalogue.
    if (field && field !== cat.field) {
      const target = fields.find((f) => f.code === field)
      if (target) return c.redirect(`/catalogues/${encodeURIComponent(target.catalogueId)}`, 303)
    }
    const entries = filterEntries(cat.entries, filter)
    let summaries: Map<string, EntrySummary> | undefined
    const many = source.contentForMany
      ? await source.contentForMany(
          cat.id,
          entries.map((e) => e.id)
        )
      : undefined
    if (many) {
      summaries = new Map()
      for (const e of entries) {
        const items = many.get(e.id) ?? []
        summaries.set(e.id, {
          items: items.length,
          broken: items.filter((b) => b.linkStatus === 'dead' || b.linkStatus === 'wrong').length,
          late: items.filter((b) => b.onTime === false).length,
        })
      }
    }
    const qs = new URLSearchParams(
      Object.entries(filter).filter((e): e is [string, string] => !!e[1])
    ).toString()
    return page(
      c,
      <CataloguePage
        catalogue={cat}
        entries={entries}
        summaries={summaries}
        filter={filter}
        fields={fields}
        csvHref={`/catalogues/${encodeURIComponent(cat.id)}.csv${qs ? `?${qs}` : ''}`}
      />
    )
  })

  app.get('/catalogues/:id/entries/:entryId', async (c) => {
    const cat = await source.catalogue(c.req.param('id'))
    const entry = cat?.entries.find((e) => e.id === c.req.param('entryId'))
    if (!cat || !entry) return notFound(c, '该目录事项')
    const [content, records] = await Promise.all([
      source.contentFor?.(cat.id, entry.id),
      entry.recordSchema ? (source.records?.(cat.id, entry.id) ?? []) : [],
    ])
    const isCommittee = cat.kind === 'residents_committee' && !cat.template
    return page(
      c,
      <EntryPage
        catalogue={cat}
        entry={entry}
        content={content}
        records={records}
        recordHref={(r) =>
          isCommittee
            ? `/committees/${encodeURIComponent(cat.id)}/records/${encodeURIComponent(r.id)}`
            : `/api/v1/catalogues/${encodeURIComponent(cat.id)}/entries/${encodeURIComponent(entry.id)}/records/${encodeURIComponent(r.id)}`
        }
      />
    )
  })

  app.get('/documents', async (c) => {
    const filter = {
      issuer: text(c.req.query('issuer')) || undefined,
      year: text(c.req.query('year'), 4) || undefined,
      topic: text(c.req.query('topic')) || undefined,
      kind: text(c.req.query('kind'), 40) || undefined,
      validity: text(c.req.query('validity'), 20) || undefined,
    }
    const p = Number.parseInt(c.req.query('page') ?? '1', 10)
    return page(
      c,
      <DocumentsPage
        items={await source.documents?.()}
        filter={filter}
        page={Number.isFinite(p) ? p : 1}
      />
    )
  })

  app.get('/datasets', async (c) => {
    const filter = {
      q: text(c.req.query('q'), 100) || undefined,
      field: text(c.req.query('field'), 60) || undefined,
      publisher: text(c.req.query('publisher'), 100) || undefined,
      openness: text(c.req.query('openness'), 20) || undefined,
      tag: text(c.req.query('tag'), 60) || undefined,
    }
    return page(c, <DatasetsPage datasets={await source.datasets?.()} filter={filter} />)
  })

  app.get('/datasets/:id', async (c) => {
    const id = c.req.param('id')
    const d = await source.dataset?.(id)
    if (!d) return notFound(c, `数据集“${id}”`)
    const requested = Number.parseInt(c.req.query('page') ?? '1', 10)
    const pageNo = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 1_000_000) : 1
    const [rows, versions, jsonLd] = await Promise.all([
      source.rows?.(id, (pageNo - 1) * PREVIEW_ROWS, PREVIEW_ROWS),
      source.versions?.(id) ?? [],
      source.schemaOrg?.(id),
    ])
    return page(
      c,
      <DatasetPage
        dataset={d}
        baseUrl={base}
        rows={rows}
        page={pageNo}
        versions={versions}
        jsonLd={jsonLd ?? fallbackSchemaOrg(d, base)}
      />
    )
  })

  app.get('/reports', async (c) => page(c, <ReportsPage report={await source.report?.()} />))

  // ---- residents' committees ----

  app.get('/committees', async (c) =>
    page(c, <CommitteesPage committees={(await source.committees?.()) ?? []} />)
  )

  const loginForm = (c: Context, error?: string) => {
    const csrf = randomSecret()
    setCookie(c, LOGIN_CSRF_COOKIE, csrf, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      path: '/committees',
      maxAge: 3600,
    })
    return page(c, <LoginPage csrf={csrf} error={error} />, error ? 400 : 200)
  }

  app.get('/committees/login', (c) => loginForm(c))

  app.post('/committees/login', async (c) => {
    const form = await formValues(c)
    if (!sameSecret(form._csrf, getCookie(c, LOGIN_CSRF_COOKIE))) {
      return forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请重新打开登录页。')
    }
    const token = text(form.token, 200)
    if (!token) return loginForm(c, '请填写居委会令牌。')
    const who = await source.committeeForToken?.(token)
    if (!who) return loginForm(c, '令牌无效、已过期或不是居委会令牌，请核对后重新输入。')
    const committee = who.committee
    const { id } = await options.sessions.create(committee, who.tokenId, now())
    setCookie(c, SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secure(c),
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    })
    deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/committees' })
    return c.redirect(`/committees/${encodeURIComponent(committee)}`, 303)
  })

  app.post('/committees/logout', async (c) => {
    const form = await formValues(c)
    const s = await session(c)
    if (!s || !sameSecret(form._csrf, s.csrf)) return forbidden(c, 'CSRF 校验未通过。')
    await options.sessions.destroy(getCookie(c, SESSION_COOKIE))
    deleteCookie(c, SESSION_COOKIE, { path: '/' })
    return c.redirect('/committees', 303)
  })

  app.get('/committees/:id', async (c) => {
    const id = c.req.param('id')
    const committee = await source.committee?.(id)
    if (!committee) return notFound(c, `居委会“${id}”`)
    const s = await session(c)
    const catalogue = committee.catalogueId
      ? await source.catalogue(committee.catalogueId)
      : undefined
    const records = catalogue ? ((await source.records?.(catalogue.id)) ?? []) : []
    const notice =
      c.req.query('published') === '1'
        ? '记录已提交并公开。'
        : c.req.query('created') === '1'
          ? '居务公开目录已建立，可以开始填报。'
          : undefined
    return page(
      c,
      <CommitteePage
        committee={committee}
        catalogue={catalogue}
        records={records}
        session={s && s.committee === id ? { csrf: s.csrf } : undefined}
        notice={notice}
      />
    )
  })

  // Resolves the session for a committee write; a response when it is refused.
  const writer = async (c: Context, id: string, form?: FormValues) => {
    const s = await session(c)
    if (!s) return { refused: c.redirect('/committees/login', 303) }
    if (s.committee !== id)
      return { refused: forbidden(c, '您登录的居委会无权填报其他居委会的信息。') }
    if (form && !sameSecret(form._csrf, s.csrf)) {
      return { refused: forbidden(c, '表单已过期或来源不明（CSRF 校验未通过），请返回重新填写。') }
    }
    await options.onWriter?.(c, s.tokenId)
    return { session: s }
  }

  app.post('/committees/:id/instantiate', async (c) => {
    const id = c.req.param('id')
    const form = await formValues(c)
    const w = await writer(c, id, form)
    if (w.refused) return w.refused
    const name = text(form.name, 100)
    if (!name || !source.instantiateCommittee) return forbidden(c, '请填写居委会名称。')
    const made = await source.instantiateCommittee(
      id,
      name,
      text(form.street, 100),
      w.session.tokenId
    )
    if (!made.ok)
      return forbidden(c, `未能建立目录：${made.errors.map((e) => e.message).join('；')}`)
    return c.redirect(`/committees/${encodeURIComponent(id)}?created=1`, 303)
  })

  const recordEntry = async (id: string, entryId: string | undefined) => {
    const committee = await source.committee?.(id)
    const cat = committee?.catalogueId ? await source.catalogue(committee.catalogueId) : undefined
    const entry = cat?.entries.find((e) => e.id === entryId && e.recordSchema)
    return committee && cat && entry ? { committee, cat, entry } : undefined
  }

  app.get('/committees/:id/records/new', async (c) => {
    const id = c.req.param('id')
    const w = await writer(c, id)
    if (w.refused) return w.refused
    const found = await recordEntry(id, c.req.query('entry'))
    if (!found) return notFound(c, '可填报的事项')
    const values: FormValues = {
      committee: found.committee.name,
      publishedAt: now().toISOString().slice(0, 10),
    }
    return page(
      c,
      <NewRecordPage
        committee={found.committee}
        entry={found.entry}
        csrf={w.session.csrf}
        values={values}
        errors={[]}
      />
    )
  })

  app.post('/committees/:id/records/new', async (c) => {
    const id = c.req.param('id')
    const form = await formValues(c)
    const w = await writer(c, id, form)
    if (w.refused) return w.refused
    const found = await recordEntry(id, c.req.query('entry'))
    if (!found) return notFound(c, '可填报的事项')
    const model = formModel(found.entry.recordSchema)
    const parsed = parseForm(model, form)
    const render = (values: FormValues, errors: FieldError[], status: 200 | 422) =>
      page(
        c,
        <NewRecordPage
          committee={found.committee}
          entry={found.entry}
          csrf={w.session.csrf}
          values={values}
          errors={placeErrors(model, values, errors)}
        />,
        status
      )
    if (form._action?.startsWith('add:'))
      return render(addRows(model, parsed.values, form._action), [], 200)
    const compiled = compileRecordSchema(found.entry.recordSchema)
    if (!compiled.ok) return forbidden(c, '该事项的记录格式有误，暂不能填报。')
    const result = compiled.validate(parsed.data)
    // Cross-field rules (totals, 期末结余) are in the recordSchema (gkSum), so the API and this form
    // refuse exactly the same records.
    const errors: FieldError[] = result.ok ? [] : result.errors
    if (errors.length > 0 || !source.publishRecord) return render(parsed.values, errors, 422)
    const record = await source.publishRecord(
      found.cat.id,
      found.entry.id,
      parsed.data,
      w.session.tokenId
    )
    c.set('auditTarget' as never, record.id as never)
    return c.redirect(
      `/committees/${encodeURIComponent(id)}/records/${encodeURIComponent(record.id)}?published=1`,
      303
    )
  })

  const recordView = async (c: Context) => {
    const id = c.req.param('id') as string
    const committee = await source.committee?.(id)
    const cat = committee?.catalogueId ? await source.catalogue(committee.catalogueId) : undefined
    const record = cat
      ? await source.record?.(cat.id, c.req.param('recordId') as string)
      : undefined
    const entry = record ? cat?.entries.find((e) => e.id === record.entryId) : undefined
    return committee && record && entry?.recordSchema ? { committee, record, entry } : undefined
  }

  app.get('/committees/:id/records/:recordId', async (c) => {
    const v = await recordView(c)
    if (!v) return notFound(c, '该记录')
    const notice = c.req.query('published') === '1' ? '记录已提交并公开。' : undefined
    return page(
      c,
      <RecordPage committee={v.committee} entry={v.entry} record={v.record} notice={notice} />
    )
  })

  app.get('/committees/:id/records/:recordId/print', async (c) => {
    const v = await recordView(c)
    if (!v) return notFound(c, '该记录')
    const recordUrl = `${base}/committees/${encodeURIComponent(v.committee.id)}/records/${encodeURIComponent(v.record.id)}`
    return page(
      c,
      <PrintPage committee={v.committee} entry={v.entry} record={v.record} recordUrl={recordUrl} />
    )
  })

  return app
}

/** A minimal schema.org Dataset from the descriptor, when open-data's writer is not available. */
export function fallbackSchemaOrg(
  d: {
    id: string
    title: string
    description: string
    license: string
    publisher: { name: string }
    keywords?: string[]
    modified?: string
  },
  base: string
): object {
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
