import {
  createAdminToken,
  getOrganisation,
  isRole,
  listTokens,
  ROLES,
  revokeToken,
} from '@gongkai/gateway'
import { isIsoDate } from '@gongkai/text'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openOrganisationStore } from '../organisation-store.js'

const DAY_MS = 24 * 60 * 60 * 1000

/** `--expires`: `30d` (days from now) or an ISO date / date-time in the future. */
export function parseExpiry(value: string, now: Date = new Date()): string {
  const days = /^(\d{1,5})d$/.exec(value)
  if (days) {
    const n = Number(days[1])
    if (n < 1) throw new UsageError('--expires expects at least 1d')
    return new Date(now.getTime() + n * DAY_MS).toISOString()
  }
  // A bare date means the token works through that whole day (UTC).
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value
  // Date.parse rolls 2027-02-30 over to March: the day is checked on its own.
  const t =
    /^\d{4}-\d{2}-\d{2}T/.test(text) && isIsoDate(text.slice(0, 10)) ? Date.parse(text) : Number.NaN
  if (Number.isNaN(t))
    throw new UsageError('--expires expects 30d or an ISO date such as 2027-01-31')
  if (t <= now.getTime()) throw new UsageError(`--expires ${value} is in the past`)
  return new Date(t).toISOString()
}

/** `gongkai token create`: issues a gateway token and prints its secret once. */
export const tokenCreateCommand: Command = {
  name: 'token create',
  summary:
    'Issue a gateway token (the secret is printed once, only its hash is stored); the only way to an operator token (--org defaults to the workspace organisation for it)',
  usage: `gongkai token create --org <org> --role ${ROLES.join('|')} [--scope <catalogue id|organ id>] [--grant <dataset id> …] [--expires <ISO date|30d>] [--label <text>] [--json]`,
  options: {
    org: { type: 'string' },
    role: { type: 'string' },
    scope: { type: 'string' },
    grant: { type: 'string', multiple: true },
    expires: { type: 'string' },
    label: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const role = ctx.flags.role
    if (!isRole(role)) throw new UsageError(`--role expects one of ${ROLES.join(', ')}`)
    const orgFlag = ctx.flags.org as string | undefined
    if (orgFlag === undefined && role !== 'operator')
      throw new UsageError('--org expects an organisation id such as demo-district')
    if (orgFlag !== undefined && !/^[a-z0-9][a-z0-9_.-]*$/.test(orgFlag))
      throw new UsageError('--org expects an organisation id such as demo-district')
    const scope = ctx.flags.scope as string | undefined
    if (role === 'residents_committee' && !scope)
      throw new UsageError('a residents_committee token needs --scope <the committee catalogue id>')
    if (role === 'officer' && !scope)
      throw new UsageError('an officer token needs --scope <an organ id of the config organs[]>')
    if (scope !== undefined && role !== 'residents_committee' && role !== 'officer')
      throw new UsageError(
        '--scope is for residents_committee tokens (their catalogue id) and officers (their organ id)'
      )
    const grants = (ctx.flags.grant as string[] | undefined) ?? []
    if (grants.length && role !== 'conditional_reader')
      throw new UsageError('--grant is for conditional_reader tokens')
    if (role === 'conditional_reader' && grants.length === 0)
      throw new UsageError('a conditional_reader token needs at least one --grant <dataset id>')
    const expires = ctx.flags.expires as string | undefined
    const expiresAt = expires === undefined ? undefined : parseExpiry(expires)
    const label = ctx.flags.label as string | undefined
    const { ws, store } = await openOrganisationStore(ctx)
    try {
      const org = orgFlag ?? ws.config.organisation.id
      if (!(await getOrganisation(store, org)))
        throw new UsageError(
          `organisation "${org}" is not registered; add it with: gongkai org add ${org} --name <name>`
        )
      if (role === 'officer' && !ws.config.organs.some((o) => o.id === scope && o.org === org))
        throw new UsageError(
          `--scope ${scope}: not an organ of ${org} in the config's organs[] (gongkai.config.json)`
        )
      const t = await createAdminToken(store, {
        org,
        role,
        ...(scope ? { scope } : {}),
        ...(grants.length ? { grants } : {}),
        ...(expiresAt ? { expiresAt } : {}),
        ...(label ? { label } : {}),
      })
      if (ctx.json) ctx.io.out(`${JSON.stringify({ token: t.token, id: t.id })}\n`)
      else {
        ctx.io.out(`${t.token}\n`)
        ctx.io.err(
          `token ${t.id} (${role} of ${org}${expiresAt ? `, expires ${expiresAt}` : ''}): copy it now, it is not shown again\n`
        )
      }
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}

/** `gongkai token list`: tokens without their secrets. */
export const tokenListCommand: Command = {
  name: 'token list',
  summary: 'List gateway tokens (never their secrets)',
  usage: 'gongkai token list [--org <org>] [--json]',
  options: { org: { type: 'string' } },
  async run(ctx) {
    const org = ctx.flags.org as string | undefined
    const { store } = await openOrganisationStore(ctx)
    try {
      const tokens = await listTokens(store, org === undefined ? {} : { org })
      if (ctx.json) ctx.io.out(`${JSON.stringify(tokens, null, 2)}\n`)
      else {
        for (const t of tokens) {
          const state = t.revokedAt
            ? `revoked ${t.revokedAt}`
            : t.expiresAt
              ? `expires ${t.expiresAt}`
              : 'no expiry'
          const grants = t.grants.length ? ` grants=${t.grants.join(',')}` : ''
          ctx.io.out(
            `${t.id}  ${t.role.padEnd(19)} ${t.org} scope=${t.scope}${grants}  created ${t.createdAt}  ${state}${t.label ? `  ${t.label}` : ''}\n`
          )
        }
        ctx.io.out(`${tokens.length} token(s)\n`)
      }
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}

/** `gongkai token revoke <id>`: the token stops working at once, with every portal session made with it. */
export const tokenRevokeCommand: Command = {
  name: 'token revoke',
  summary: 'Revoke a gateway token',
  usage: 'gongkai token revoke <id> [--json]',
  async run(ctx) {
    const [id] = ctx.args
    if (!id || ctx.args.length > 1)
      throw new UsageError('give one token id (see "gongkai token list")')
    const { store } = await openOrganisationStore(ctx)
    try {
      const ok = await revokeToken(store, id)
      if (ctx.json) ctx.io.out(`${JSON.stringify({ ok, id })}\n`)
      else if (ok) ctx.io.out(`revoked ${id}\n`)
      else ctx.io.err(`no active token "${id}" (unknown or already revoked)\n`)
      return ok ? ExitCode.ok : ExitCode.failed
    } finally {
      await store.close()
    }
  },
}
