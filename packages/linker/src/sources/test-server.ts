import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A local HTTP server for tests, on a free loopback port, serving fixed bodies by path. */
export async function serve(
  pages: Record<string, { body: string; type?: string; status?: number }>
): Promise<{ url: string; close: () => Promise<void>; hits: string[] }> {
  const hits: string[] = []
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] as string
    hits.push(path)
    const page = pages[path]
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      res.end('<html><title>404</title></html>')
      return
    }
    res.writeHead(page.status ?? 200, { 'content-type': page.type ?? 'text/html; charset=utf-8' })
    res.end(page.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
