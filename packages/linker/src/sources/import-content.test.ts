import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ContentItem } from '@gongkai/schema'
import { describe, expect, it } from 'vitest'
import { importContent } from './import-content.js'
import { serve } from './test-server.js'

const dir = mkdtempSync(join(tmpdir(), 'gongkai-sources-'))
const write = (name: string, text: string) => {
  const path = join(dir, name)
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
  return path
}
const collect = async (run: AsyncIterable<ContentItem>) => {
  const out: ContentItem[] = []
  for await (const item of run) out.push(item)
  return out
}

describe('sitemap', () => {
  it('keeps the URLs around a broken element and reports its line', async () => {
    const file = write(
      'sitemap.xml',
      `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://www.example.gov.cn/a.html</loc><lastmod>2021-04-14T08:00:00+08:00</lastmod></url>
  <url><loc>https://www.example.gov.cn/b.html</lco></url>
  <url><loc>https://www.example.gov.cn/c.html</loc><lastmod>2021-13-01</lastmod></url>
  <url><loc>not a url</loc></url>
  <url><loc>https://WWW.EXAMPLE.gov.cn/d.html#top</loc></url>
</urlset>`
    )
    const run = importContent(file)
    const items = await collect(run)
    expect(run.format).toBe('sitemap')
    expect(items.map((i) => i.url)).toEqual([
      'https://www.example.gov.cn/a.html',
      'https://www.example.gov.cn/c.html',
      'https://www.example.gov.cn/d.html',
    ])
    expect(items[0]?.publishedAt).toBe('2021-04-14')
    expect(items[1]?.publishedAt).toBeUndefined()
    expect(run.problems).toContainEqual(
      expect.objectContaining({ file, line: 4, element: 'url[1]' })
    )
    expect(run.problems).toContainEqual(
      expect.objectContaining({ line: 5, message: expect.stringContaining('2021-13-01') })
    )
    expect(run.problems).toContainEqual(
      expect.objectContaining({ line: 6, message: expect.stringContaining('not a url') })
    )
  })

  it('follows a sitemap index, local children and http children', async () => {
    const server = await serve({
      '/s2.xml': {
        type: 'application/xml',
        body: '<urlset><url><loc>https://www.example.gov.cn/remote.html</loc></url></urlset>',
      },
    })
    try {
      write(
        'child1.xml',
        '<urlset><url><loc>https://www.example.gov.cn/local.html</loc></url></urlset>'
      )
      const index = write(
        'index.xml',
        `<sitemapindex><sitemap><loc>child1.xml</loc></sitemap><sitemap><loc>${server.url}/s2.xml</loc></sitemap><sitemap><loc>${server.url}/missing.xml</loc></sitemap></sitemapindex>`
      )
      const run = importContent(index)
      const items = await collect(run)
      expect(items.map((i) => i.url)).toEqual([
        'https://www.example.gov.cn/local.html',
        'https://www.example.gov.cn/remote.html',
      ])
      expect(run.problems).toEqual([
        expect.objectContaining({
          file: `${server.url}/missing.xml`,
          message: expect.stringContaining('404'),
        }),
      ])
    } finally {
      await server.close()
    }
  })

  it('streams a large sitemap in bounded memory', async () => {
    const n = 10_000
    const path = join(dir, 'big.xml')
    const body: string[] = ['<urlset>']
    for (let i = 0; i < n; i++)
      body.push(
        `<url><loc>https://www.example.gov.cn/p/${i}.html</loc><lastmod>2021-01-01</lastmod></url>`
      )
    body.push('</urlset>')
    writeFileSync(path, body.join('\n'))
    let count = 0
    for await (const _ of importContent(path)) count++
    expect(count).toBe(n)
  })
})

describe('feeds', () => {
  it('reads RSS 2.0 items with categories, and keeps going after a malformed item', async () => {
    const file = write(
      'feed.rss',
      `<?xml version="1.0"?>
<rss version="2.0"><channel><title>长宁区教育局</title>
<item><title>2021年小学招生计划</title><link>https://www.example.gov.cn/zs/1.html</link><pubDate>Wed, 14 Apr 2021 08:00:00 +0800</pubDate><category>招生计划</category><category>义务教育</category><description><![CDATA[<p>招生&nbsp;计划</p>]]></description></item>
<item><title>坏条目 & 未转义</title><link>https://www.example.gov.cn/zs/2.html</link></item>
<item><title>无分类的通知</title><link>https://www.example.gov.cn/zs/3.html</link></item>
</channel></rss>`
    )
    const run = importContent(file)
    const items = await collect(run)
    expect(items).toEqual([
      {
        url: 'https://www.example.gov.cn/zs/1.html',
        title: '2021年小学招生计划',
        publishedAt: '2021-04-14',
        column: '招生计划',
        categories: ['招生计划', '义务教育'],
        summary: '招生 计划',
      },
      {
        url: 'https://www.example.gov.cn/zs/3.html',
        title: '无分类的通知',
        column: '长宁区教育局',
      },
    ])
    expect(run.problems).toEqual([expect.objectContaining({ file, line: 4, element: 'item[1]' })])
  })

  it('reads Atom entries: alternate link, published, category terms', async () => {
    const file = write(
      'feed.atom',
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>信息公开</title>
<entry><title>2021年低保审批信息</title><link rel="alternate" href="https://www.example.gov.cn/db/1.html"/><link rel="enclosure" href="https://www.example.gov.cn/db/1.pdf"/><updated>2021-05-02T00:00:00Z</updated><published>2021-05-01T09:00:00+08:00</published><category term="审批信息"/><author><name>区民政局</name></author></entry>
<entry><title>没有链接</title></entry>
</feed>`
    )
    const run = importContent(file)
    const items = await collect(run)
    expect(items).toEqual([
      {
        url: 'https://www.example.gov.cn/db/1.html',
        title: '2021年低保审批信息',
        publishedAt: '2021-05-01',
        issuer: '区民政局',
        column: '审批信息',
        categories: ['审批信息'],
      },
    ])
    expect(run.problems).toEqual([
      expect.objectContaining({ line: 3, element: 'entry[1]', message: 'missing URL (链接)' }),
    ])
  })
})

describe('CMS exports', () => {
  it('reads a CSV with Chinese headers, reporting the bad-date row by line', async () => {
    const file = write(
      'export.csv',
      `\uFEFF标题,链接,索引号,文号,发布机构,栏目,成文日期,发布日期,公开属性,有效性
2021年小学招生计划,https://www.example.gov.cn/1.html,000014349/2021-00012,长教〔2021〕3号,区教育局,招生计划,2021年4月12日,2021/4/14,主动公开,现行有效
"带逗号, 的标题",https://www.example.gov.cn/2.html,,,,,,2021.04.15,依申请公开,
坏日期,https://www.example.gov.cn/3.html,,,,,,2021-02-30,,
缺链接,,,,,,,,,
`
    )
    const run = importContent(file)
    const items = await collect(run)
    expect(items[0]).toEqual({
      url: 'https://www.example.gov.cn/1.html',
      title: '2021年小学招生计划',
      indexNo: '000014349/2021-00012',
      docNo: '长教〔2021〕3号',
      issuer: '区教育局',
      column: '招生计划',
      formedAt: '2021-04-12',
      publishedAt: '2021-04-14',
      attribute: { code: 'proactive' },
      validity: 'current',
    })
    expect(items[1]).toMatchObject({
      title: '带逗号, 的标题',
      publishedAt: '2021-04-15',
      attribute: { code: 'on_request' },
    })
    expect(items.map((i) => i.url)).toContain('https://www.example.gov.cn/3.html')
    expect(run.problems).toEqual([
      expect.objectContaining({ file, line: 4, message: expect.stringContaining('2021-02-30') }),
      expect.objectContaining({ file, line: 5, message: 'missing URL (链接)' }),
    ])
  })

  it('uses an explicit column mapping and reports unknown mapping keys', async () => {
    const file = write(
      'custom.csv',
      '文件名称;访问地址;类目\n通知一;https://www.example.gov.cn/n1.html;通知公告\n'
    )
    const run = importContent(file, {
      mapping: { title: '文件名称', url: '访问地址', column: '类目', bogus: 'x' },
    })
    expect(await collect(run)).toEqual([
      { url: 'https://www.example.gov.cn/n1.html', title: '通知一', column: '通知公告' },
    ])
    expect(run.problems).toEqual([
      expect.objectContaining({ element: 'mapping', message: expect.stringContaining('bogus') }),
    ])
  })

  it('reads JSON arrays, wrapped arrays and JSON Lines, skipping a malformed record', async () => {
    const wrapped = write(
      'export.json',
      `{"total": 3, "data": [
  {"title": "甲", "url": "https://www.example.gov.cn/j1.html", "publishedAt": "2021-04-14", "categories": ["招生计划"]},
  {"title": "乙", "url": "https://www.example.gov.cn/j2.html", "publishedAt": 2021-04-15},
  {"标题": "丙", "链接": "https://www.example.gov.cn/j3.html", "attribute": {"code": "proactive"}}
]}`
    )
    const run = importContent(wrapped)
    const items = await collect(run)
    expect(items.map((i) => i.title)).toEqual(['甲', '丙'])
    expect(items[1]?.attribute).toEqual({ code: 'proactive' })
    expect(run.problems).toEqual([expect.objectContaining({ line: 3, element: 'record 1' })])
    const lines = write(
      'export.jsonl',
      '{"title":"一","url":"https://www.example.gov.cn/l1"}\n{"title":"二","url":"https://www.example.gov.cn/l2"}\n'
    )
    expect((await collect(importContent(lines))).map((i) => i.title)).toEqual(['一', '二'])
  })
})

const articlePage = (title: string, extra = '') => `<!DOCTYPE html><html><head>
<meta charset="utf-8"><title>${title}_长宁区人民政府</title>
<meta name="ArticleTitle" content="${title}"><meta name="PubDate" content="2021-04-14 10:00">
<meta name="ContentSource" content="区教育局"><meta name="ColumnName" content="招生管理">
</head><body>
<table class="xxgk"><tr><td>索 引 号：</td><td>000014349/2021-00012</td><td>发文字号：</td><td>长教〔2021〕3号</td></tr>
<tr><th>成文日期</th><th>2021年4月12日</th><td><span>公开属性：</span>主动公开</td></tr>
<tr><td colspan="4">主题分类：教育</td></tr></table>
<h1>${title}</h1>${extra}</body></html>`

describe('HTML pages', () => {
  it('reads meta tags and the header table of pages in a folder (recursive)', async () => {
    write('site/zs/1.html', articlePage('关于2021年义务教育阶段学校招生入学工作的实施意见'))
    write(
      'site/index.html',
      '<html><head><title>首页</title></head><body><a href="zs/1.html">x</a></body></html>'
    )
    write(
      'site/xxgk/2.shtml',
      '<html><body><h1>老页面</h1><p>索引号：ABC-2&nbsp;&nbsp;发布日期：2020.01.02</p></body></html>'
    )
    const run = importContent(join(dir, 'site'), { baseUrl: 'https://www.example.gov.cn/' })
    const items = await collect(run)
    expect(run.problems).toEqual([])
    expect(items).toEqual([
      {
        url: 'https://www.example.gov.cn/xxgk/2.shtml',
        title: '老页面',
        indexNo: 'ABC-2',
        publishedAt: '2020-01-02',
      },
      {
        url: 'https://www.example.gov.cn/zs/1.html',
        title: '关于2021年义务教育阶段学校招生入学工作的实施意见',
        indexNo: '000014349/2021-00012',
        docNo: '长教〔2021〕3号',
        issuer: '区教育局',
        topic: '教育',
        column: '招生管理',
        attribute: { code: 'proactive' },
        formedAt: '2021-04-12',
        publishedAt: '2021-04-14',
      },
    ])
  })

  it('crawls a live site on the same host, bounded in depth', async () => {
    const server = await serve({
      '/': {
        body: '<html><title>首页</title><a href="/list.html">列表</a><a href="https://other.example.com/x">外站</a><a href="/f.pdf">附件</a></html>',
      },
      '/list.html': {
        body: '<html><title>通知公告</title><a href="/a/1.html">一</a><a href="/a/2.html">二</a><a href="/a/404.html">坏</a></html>',
      },
      '/a/1.html': { body: articlePage('文一', '<a href="/deep.html">深</a>') },
      '/a/2.html': { body: articlePage('文二') },
      '/deep.html': { body: articlePage('太深') },
    })
    try {
      const run = importContent(`${server.url}/`, { maxDepth: 2 })
      const items = await collect(run)
      expect(items.map((i) => i.title).sort()).toEqual(['文一', '文二'])
      expect(server.hits).not.toContain('/deep.html')
      expect(server.hits).not.toContain('/f.pdf')
      expect(run.problems).toEqual([expect.objectContaining({ file: `${server.url}/a/404.html` })])
    } finally {
      await server.close()
    }
  })
})
