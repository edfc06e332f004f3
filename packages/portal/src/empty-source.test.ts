import { describe, expect, it } from 'vitest'
import { portalApp } from './portal-app.js'
import type { SessionStore } from './sessions.js'
import { sourceWith } from './test-source.js'

// The pages on a source that holds little or nothing: each says so in words instead of failing.

const noSessions: SessionStore = {
  create: async () => {
    throw new Error('no sessions in this test')
  },
  get: async () => undefined,
  destroy: async () => undefined,
}

const DATASET = {
  id: 'schools',
  title: '学校名录',
  description: '长宁区中小学名录',
  publisher: { id: 'changning-edu', name: '长宁区教育局' },
  license: 'https://creativecommons.org/licenses/by/4.0/',
  openness: 'conditional' as const,
}

const html = async (app: ReturnType<typeof portalApp>, path: string) => {
  const res = await app.request(path)
  return { status: res.status, text: await res.text() }
}

describe('pages on an empty source', () => {
  const app = portalApp(sourceWith(), { sessions: noSessions, baseUrl: 'https://gk.test/' })

  it('shows zero counts and empty lists, never an error', async () => {
    const home = await html(app, '/')
    expect(home.status).toBe(200)
    expect(home.text).toContain('标准目录暂未加载')
    expect(home.text).toContain('（0 份文件）')
    expect(home.text).toContain('（0 个数据集）')
    expect((await html(app, '/documents')).text).toContain('没有符合条件的文件')
    expect((await html(app, '/datasets')).text).toContain('共 0 个数据集')
    expect((await html(app, '/reports')).text).toContain('尚未关联内容')
    expect((await html(app, '/committees')).text).toContain('暂无居委会建立居务公开目录')
    const search = await html(app, '/search?q=低保')
    expect(search.text).toContain('共 0 条结果')
    expect(search.text).toContain('没有找到相关的事项、文件或数据')
  })

  it('answers unknown catalogues, datasets, committees and records with an HTML 404', async () => {
    for (const path of [
      '/catalogues/nothing',
      '/catalogues/nothing.csv',
      '/datasets/nothing',
      '/committees/nothing',
      '/committees/nothing/records/rec-1',
    ]) {
      const r = await html(app, path)
      expect(r.status, path).toBe(404)
      expect(r.text, path).toContain('页面不存在')
    }
  })
})

describe('a dataset page whose source holds no rows and no schema.org', () => {
  const app = portalApp(
    sourceWith({ dataset: async (id) => (id === DATASET.id ? DATASET : undefined) }),
    { sessions: noSessions, baseUrl: 'https://gk.test/' }
  )

  it('derives the JSON-LD from the descriptor, says the rows are not previewed and offers the application', async () => {
    const { status, text } = await html(app, '/datasets/schools')
    expect(status).toBe(200)
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(text)?.[1] ?? '{}'
    expect(JSON.parse(ld)).toMatchObject({
      '@type': 'Dataset',
      '@id': 'https://gk.test/datasets/schools',
      name: '学校名录',
      publisher: { name: '长宁区教育局' },
    })
    // 有条件开放: no preview, the application form instead, and no data download offered.
    expect(text).toContain('有条件开放数据不在页面预览')
    expect(text).toContain('action="/access-requests/apply?dataset=schools"')
    expect(text).not.toContain('href="/datasets/schools.csv"')
    expect(text).toContain('暂无版本记录。')
  })
})
