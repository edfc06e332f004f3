import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { addWorkingDays, todayInShanghai, workingDaysBetween } from '@gongkai/calendar'
import type { Queryable, Store } from '@gongkai/store'
import { createToken, revokeToken } from '../auth/tokens.js'
import { gatewayMigrations } from '../migrations.js'

/** States of an application for 有条件开放 data. */
export type AccessRequestStatus = 'pending' | 'approved' | 'refused'

/**
 * The e-mail of an approved application's token: `sending` while the SMTP server is asked,
 * `sent` (the token went out by e-mail only), `failed` (the status link hands the token out).
 */
interface AccessRequestEmail {
  status: 'sending' | 'sent' | 'failed'
  /** When the send was tried. */
  at: string
  /** Why it failed (the SMTP server's or the network's answer). */
  error: string | null
}

/** Who applies (personal data: shown to the deciding publisher only, never public). */
export interface Applicant {
  name: string
  org: string
  contact: string
}

/** An application as the owning organisation's publisher sees it. */
export interface AccessRequest {
  id: string
  dataset: string
  /** The organisation that owns the dataset and decides. */
  org: string
  status: AccessRequestStatus
  applicant: Applicant
  purpose: string
  scenario: string
  securityMeasures: string
  createdAt: string
  /** Last working day to decide (config `openData.conditionalAcceptDays` after the day it arrived). */
  dueDate: string
  /** True when the calendar had no official schedule for part of the count. */
  dueProvisional: boolean
  decidedAt: string | null
  /** Id of the token that decided. */
  decidedBy: string | null
  /** Until when an approved grant runs. */
  expiresAt: string | null
  reason: string | null
  /** Id of the `conditional_reader` token handed out, once, on the status link. */
  tokenId: string | null
  tokenIssuedAt: string | null
  /** The token's e-mail; null when none was tried (no SMTP, a phone contact, a refusal). */
  email: AccessRequestEmail | null
}

/** What the secret status link answers (no personal data: the link may be forwarded). */
interface AccessRequestStatusAnswer {
  id: string
  dataset: string
  status: AccessRequestStatus
  dueDate: string
  decidedAt?: string
  expiresAt?: string
  reason?: string
  /** The `conditional_reader` secret: in the first answer after approval only. */
  token?: string
  tokenIssuedAt?: string
  /** True when the token was e-mailed to the applicant (it is then never shown here). */
  emailed?: true
}

/** A decision of the owning organisation's publisher. */
export type AccessDecision = { approve: { expiresAt: string } } | { refuse: { reason: string } }

interface Row {
  id: string
  dataset_id: string
  org: string
  status: AccessRequestStatus
  key_hash: string
  applicant: string
  purpose: string
  scenario: string
  security_measures: string
  created_at: string
  due_date: string
  due_provisional: number
  decided_at: string | null
  decided_by: string | null
  expires_at: string | null
  reason: string | null
  token_id: string | null
  token_issued_at: string | null
  email_status: AccessRequestEmail['status'] | null
  email_at: string | null
  email_error: string | null
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

function toRequest(r: Row): AccessRequest {
  return {
    id: r.id,
    dataset: r.dataset_id,
    org: r.org,
    status: r.status,
    applicant: JSON.parse(r.applicant) as Applicant,
    purpose: r.purpose,
    scenario: r.scenario,
    securityMeasures: r.security_measures,
    createdAt: r.created_at,
    dueDate: r.due_date,
    dueProvisional: r.due_provisional === 1,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    expiresAt: r.expires_at,
    reason: r.reason,
    tokenId: r.token_id,
    tokenIssuedAt: r.token_issued_at,
    email:
      r.email_status && r.email_at
        ? { status: r.email_status, at: r.email_at, error: r.email_error }
        : null,
  }
}

/**
 * The decision clock of an application as of `now`: past its due date (Shanghai calendar day), and
 * the working days left to decide (counted as its due date was; negative past it, null once decided).
 */
export function decisionClock(
  r: AccessRequest,
  now: Date
): { overdue: boolean; workingDaysLeft: number | null } {
  if (r.status !== 'pending') return { overdue: false, workingDaysLeft: null }
  const today = todayInShanghai(now)
  return { overdue: r.dueDate < today, workingDaysLeft: workingDaysBetween(today, r.dueDate) }
}

/** Applications for 有条件开放 data, kept in the store (several gateway processes share them). */
export interface AccessRequests {
  /** Records a new pending application; returns its id and the secret of its status link (once). */
  create(input: {
    dataset: string
    org: string
    applicant: Applicant
    purpose: string
    scenario: string
    securityMeasures: string
  }): Promise<{ request: AccessRequest; key: string }>
  /** One application by id (for the owning organisation's routes). */
  get(id: string): Promise<AccessRequest | undefined>
  /**
   * The status link's answer; undefined when the id is unknown or the key wrong (one answer for
   * both). The first call after an approval issues the `conditional_reader` token and returns its
   * secret; later calls never show it again.
   */
  status(id: string, key: string): Promise<AccessRequestStatusAnswer | undefined>
  /**
   * Decides a pending application; `conflict` when it was decided already. With `forEmail`, an
   * approval creates the `conditional_reader` token at once (in the same transaction) and returns
   * its secret for the caller to e-mail, then report with {@link AccessRequests.emailed}.
   */
  decide(
    id: string,
    decision: AccessDecision,
    tokenId: string,
    options?: { forEmail?: boolean }
  ): Promise<
    | { ok: true; request: AccessRequest; token?: string }
    | { ok: false; status: AccessRequestStatus }
  >
  /**
   * Records the outcome of e-mailing the token of {@link AccessRequests.decide} with `forEmail`.
   * A failure revokes that token (it reached no one) so the status link hands out a new one, once.
   */
  emailed(id: string, outcome: { ok: true } | { ok: false; error: string }): Promise<AccessRequest>
  /** Applications of an organisation (every one, or those in `status`), oldest first. */
  list(options: { org?: string; status?: AccessRequestStatus }): Promise<AccessRequest[]>
  /** Pending applications whose due date is before `asOf` (YYYY-MM-DD): what `due-list` shows. */
  overdue(asOf: string, options?: { org?: string }): Promise<AccessRequest[]>
}

/**
 * Opens the applications on a store. `acceptDays`: working days to decide (domain §11: 5); the
 * due date counts from the Shanghai calendar day the application arrived.
 */
export function openAccessRequests(
  store: Store,
  options: { now: () => Date; acceptDays: number }
): AccessRequests {
  const { now, acceptDays } = options
  let ready: Promise<unknown> | undefined
  // The CLI's due-list opens a store the gateway may never have migrated.
  // A failed migration (the store busy, say) is not remembered: the next call tries again.
  const migrate = () => {
    ready ??= store.migrate(gatewayMigrations).catch((err: unknown) => {
      ready = undefined
      throw err
    })
    return ready
  }
  const byId = async (db: Queryable, id: string) =>
    db.get<Row>('SELECT * FROM gateway_access_requests WHERE id = ?', [id])
  /** Creates the application's `conditional_reader` token and records it (inside `tx`). */
  const issue = async (tx: Queryable, r: Row) => {
    const issuedAt = now()
    const t = await createToken(tx, {
      org: r.org,
      role: 'conditional_reader',
      grants: [r.dataset_id],
      label: `有条件开放申请 ${r.id}`,
      expiresAt: r.expires_at ?? undefined,
      now: issuedAt,
    })
    const done = await tx.run(
      'UPDATE gateway_access_requests SET token_id = ?, token_issued_at = ? WHERE id = ? AND token_issued_at IS NULL',
      [t.id, issuedAt.toISOString(), r.id]
    )
    // The transaction is serialised, so this cannot happen; refuse rather than hand out two.
    if (done.changes !== 1) throw new Error(`access request ${r.id}: token issued twice`)
    return { token: t.token, issuedAt: issuedAt.toISOString() }
  }

  return {
    async create(input) {
      await migrate()
      const at = now()
      const key = randomBytes(32).toString('base64url')
      const due = addWorkingDays(todayInShanghai(at), acceptDays)
      const row: Row = {
        id: `ar-${randomBytes(8).toString('hex')}`,
        dataset_id: input.dataset,
        org: input.org,
        status: 'pending',
        key_hash: sha256(key),
        applicant: JSON.stringify(input.applicant),
        purpose: input.purpose,
        scenario: input.scenario,
        security_measures: input.securityMeasures,
        created_at: at.toISOString(),
        due_date: due.date,
        due_provisional: due.provisional ? 1 : 0,
        decided_at: null,
        decided_by: null,
        expires_at: null,
        reason: null,
        token_id: null,
        token_issued_at: null,
        email_status: null,
        email_at: null,
        email_error: null,
      }
      await store.run(
        `INSERT INTO gateway_access_requests (${Object.keys(row).join(', ')})
         VALUES (${Object.keys(row)
           .map((k) => `@${k}`)
           .join(', ')})`,
        row as unknown as Record<string, string | number | null>
      )
      return { request: toRequest(row), key }
    },

    async get(id) {
      await migrate()
      const r = await byId(store, id)
      return r ? toRequest(r) : undefined
    },

    async status(id, key) {
      await migrate()
      return store.transaction(async (tx) => {
        const r = await byId(tx, id)
        if (!r) return undefined
        const a = Buffer.from(r.key_hash, 'hex')
        const b = Buffer.from(sha256(key), 'hex')
        if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined
        const answer: AccessRequestStatusAnswer = {
          id: r.id,
          dataset: r.dataset_id,
          status: r.status,
          dueDate: r.due_date,
        }
        if (r.decided_at) answer.decidedAt = r.decided_at
        if (r.reason) answer.reason = r.reason
        if (r.status !== 'approved') return answer
        if (r.expires_at) answer.expiresAt = r.expires_at
        // Being e-mailed: neither shown here nor issued twice; a failure clears it for this link.
        if (r.email_status === 'sending') return answer
        if (r.email_status === 'sent') answer.emailed = true
        if (r.token_issued_at) {
          answer.tokenIssuedAt = r.token_issued_at
          return answer
        }
        // Issued here, not at the decision: the secret is never stored, and shown exactly once.
        const t = await issue(tx, r)
        answer.token = t.token
        answer.tokenIssuedAt = t.issuedAt
        return answer
      })
    },

    async decide(id, decision, tokenId, options = {}) {
      await migrate()
      const at = now().toISOString()
      return store.transaction(async (tx) => {
        const r = await byId(tx, id)
        if (!r) throw new Error(`access request ${id} vanished`)
        if (r.status !== 'pending') return { ok: false as const, status: r.status }
        let token: string | undefined
        if ('approve' in decision) {
          await tx.run(
            `UPDATE gateway_access_requests SET status = 'approved', decided_at = ?, decided_by = ?, expires_at = ?
             WHERE id = ? AND status = 'pending'`,
            [at, tokenId, decision.approve.expiresAt, id]
          )
          if (options.forEmail) {
            // Created with the decision, so the status link cannot issue a second one meanwhile.
            token = (await issue(tx, { ...r, expires_at: decision.approve.expiresAt })).token
            await tx.run(
              `UPDATE gateway_access_requests SET email_status = 'sending', email_at = ? WHERE id = ?`,
              [at, id]
            )
          }
        } else {
          await tx.run(
            `UPDATE gateway_access_requests SET status = 'refused', decided_at = ?, decided_by = ?, reason = ?
             WHERE id = ? AND status = 'pending'`,
            [at, tokenId, decision.refuse.reason, id]
          )
        }
        const updated = await byId(tx, id)
        return {
          ok: true as const,
          request: toRequest(updated as Row),
          ...(token ? { token } : {}),
        }
      })
    },

    async emailed(id, outcome) {
      await migrate()
      const at = now()
      return store.transaction(async (tx) => {
        const r = await byId(tx, id)
        if (!r) throw new Error(`access request ${id} vanished`)
        if (outcome.ok)
          await tx.run(
            `UPDATE gateway_access_requests SET email_status = 'sent', email_error = NULL WHERE id = ?`,
            [id]
          )
        else {
          if (r.token_id) await revokeToken(tx, r.token_id, at)
          await tx.run(
            `UPDATE gateway_access_requests SET email_status = 'failed', email_error = ?,
             token_id = NULL, token_issued_at = NULL WHERE id = ?`,
            [outcome.error.slice(0, 500), id]
          )
        }
        return toRequest((await byId(tx, id)) as Row)
      })
    },

    async list({ org, status }) {
      await migrate()
      const where: string[] = []
      const params: string[] = []
      if (org !== undefined) {
        where.push('org = ?')
        params.push(org)
      }
      if (status !== undefined) {
        where.push('status = ?')
        params.push(status)
      }
      const rows = await store.all<Row>(
        `SELECT * FROM gateway_access_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at, id`,
        params
      )
      return rows.map(toRequest)
    },

    async overdue(asOf, opts = {}) {
      const pending = await this.list({ org: opts.org, status: 'pending' })
      return pending.filter((r) => r.dueDate < asOf)
    },
  }
}
