import type { Queryable } from '@gongkai/store'

/** One audited write: who, when, what, from where, and the outcome. */
export interface AuditEntry {
  seq: number
  at: string
  tokenId: string | null
  /** Organisation of the token (what an admin's view of the log is limited to). */
  org: string | null
  method: string
  path: string
  target: string | null
  ip: string | null
  status: number
}

/** The audit log in the store (shared by every gateway process). */
export interface AuditLog {
  /** Appends one entry. */
  write(entry: Omit<AuditEntry, 'seq'>): Promise<void>
  /** Newest first; `before` is the seq of the last entry of the previous page; `org` limits to one organisation. */
  list(options: {
    limit: number
    before?: number
    tokenId?: string
    org?: string
  }): Promise<{ items: AuditEntry[]; total: number }>
}

interface Row {
  seq: number
  at: string
  token_id: string | null
  org: string | null
  method: string
  path: string
  target: string | null
  ip: string | null
  status: number
}

/** Opens the audit log on a migrated store. */
export function openAuditLog(db: Queryable): AuditLog {
  return {
    async write(e) {
      await db.run(
        'INSERT INTO gateway_audit (at, token_id, org, method, path, target, ip, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [e.at, e.tokenId, e.org, e.method, e.path, e.target, e.ip, e.status]
      )
    },
    async list({ limit, before, tokenId, org }) {
      const where: string[] = []
      const params: (string | number)[] = []
      if (org) {
        where.push('org = ?')
        params.push(org)
      }
      if (tokenId) {
        where.push('token_id = ?')
        params.push(tokenId)
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const total =
        (await db.get<{ n: number }>(`SELECT count(*) AS n FROM gateway_audit ${w}`, params))?.n ??
        0
      const page = before === undefined ? w : `${w ? `${w} AND` : 'WHERE'} seq < ?`
      const rows = await db.all<Row>(
        `SELECT * FROM gateway_audit ${page} ORDER BY seq DESC LIMIT ?`,
        before === undefined ? [...params, limit] : [...params, before, limit]
      )
      return {
        items: rows.map((r) => ({
          seq: r.seq,
          at: r.at,
          tokenId: r.token_id,
          org: r.org,
          method: r.method,
          path: r.path,
          target: r.target,
          ip: r.ip,
          status: r.status,
        })),
        total,
      }
    },
  }
}
