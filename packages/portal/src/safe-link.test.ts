import type { ContentItem, Dataset } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { portalApp } from './portal-app.js'
import type { SessionStore } from './sessions.js'
import { sourceWith } from './test-source.js'

// Data from the store reaches `href` only as http(s) or mailto: a `javascript:` URL stored before
// the schema refused it (or a content item read from a folder, `file:`) shows as text.

const noSessions: SessionStore = {
  create: async () => {
    throw new Error('no sessions in this test')
  },
  get: async () => undefined,
  destroy: async () => undefined,
}

const EVIL = 'javascript:alert(document.cookie)'

const dataset = {
  id: 'schools',
  title: '学校名录',
  description: '长宁区中小学名录',
  publisher: { id: 'changning-edu', name: '长宁区教育局' },
  license: EVIL,
  openness: 'unconditional',
} as Dataset

const documents: ContentItem[] = [
  { url: EVIL, title: '恶意链接文件', kind: 'notice' } as ContentItem,
  { url: 'file:///srv/site/a.html', title: '本地文件', kind: 'notice' } as ContentItem,
  { url: 'https://www.example.gov.cn/1.html', title: '正常文件', kind: 'notice' } as ContentItem,
]

describe('links from data', () => {
  const app = portalApp(
    sourceWith({
      datasets: async () => [dataset],
      dataset: async (id) => (id === dataset.id ? dataset : undefined),
      documents: async () => documents,
    }),
    { sessions: noSessions, baseUrl: 'https://gk.test' }
  )

  it('never puts a javascript: or file: URL in an href', async () => {
    for (const path of ['/datasets/schools', '/documents', '/search?q=文件']) {
      const html = await (await app.request(path)).text()
      expect(html, path).not.toMatch(/href="(javascript|file):/i)
    }
    const docs = await (await app.request('/documents')).text()
    expect(docs).toContain('href="https://www.example.gov.cn/1.html"')
    expect(docs).toContain('<span>恶意链接文件</span>')
  })

  it('shows a licence without a URL as not stated', async () => {
    const { license: _, ...rest } = dataset
    const bare = portalApp(sourceWith({ dataset: async () => rest as Dataset }), {
      sessions: noSessions,
      baseUrl: 'https://gk.test',
    })
    expect(await (await bare.request('/datasets/schools')).text()).toContain('未注明')
  })
})
