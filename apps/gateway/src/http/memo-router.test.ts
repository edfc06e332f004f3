import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { MemoRouter } from './memo-router.js'

describe('MemoRouter', () => {
  it('routes like the trie router, with the params of each path, repeatedly', async () => {
    const app = new Hono({ router: new MemoRouter(2) })
    const seen: string[] = []
    app.use('*', async (_c, next) => {
      seen.push('mw')
      await next()
    })
    app.get('/a/:id/b/:x', (c) => c.text(`${c.req.param('id')}|${c.req.param('x')}`))
    app.get('/a/static/b/:x', (c) => c.text(`static|${c.req.param('x')}`))
    const text = async (p: string) => (await app.request(p)).text()
    for (let i = 0; i < 2; i++) {
      expect(await text('/a/1/b/2')).toBe('1|2')
      expect(await text('/a/3/b/4')).toBe('3|4')
      expect(await text('/a/static/b/5')).toBe('static|5')
      expect(await text('/a/%E9%95%BF/b/6')).toBe('长|6')
    }
    expect(seen).toHaveLength(8)
    expect((await app.request('/nope')).status).toBe(404)
    expect((await app.request('/a/1/b/2', { method: 'POST' })).status).toBe(404)
  })

  it('forgets remembered matches when a route is added', async () => {
    const app = new Hono({ router: new MemoRouter() })
    app.get('/x/:id', (c) => c.text(`param ${c.req.param('id')}`))
    expect(await (await app.request('/y')).text()).toBe('404 Not Found')
    app.get('/y', (c) => c.text('y'))
    expect(await (await app.request('/y')).text()).toBe('y')
    expect(await (await app.request('/x/1')).text()).toBe('param 1')
  })
})
