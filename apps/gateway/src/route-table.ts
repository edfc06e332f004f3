import type { Handler, Hono } from 'hono'
import type { Env } from './deps.js'

/** Who may call a route. */
type Access = 'public' | 'token' | 'admin'

/** Documentation of one operation, the source of `/openapi.json`. */
export interface RouteDoc {
  method: 'get' | 'post' | 'delete'
  /** Hono path (`:param`). */
  path: string
  summary: string
  tag: string
  access?: Access
  /** Query parameters: name → description. */
  query?: Record<string, string>
  /** Request body: a component name of the JSON Schemas, or an inline JSON Schema. */
  body?: string | Record<string, unknown>
  /** Response media types of the 200/201 answer (default application/json). */
  produces?: string[]
  /** Success status (default 200). */
  status?: 200 | 201
  /** Response schema: component name or inline schema. */
  response?: string | Record<string, unknown>
  description?: string
}

/** Routes registered on an app, with their documentation. */
export class RouteTable {
  readonly docs: RouteDoc[] = []

  /** Registers `handler` on `app` and records `doc`. */
  add(app: Hono<Env>, doc: RouteDoc, handler: Handler<Env>): void {
    this.docs.push(doc)
    app.on(doc.method.toUpperCase(), doc.path, handler)
  }
}
