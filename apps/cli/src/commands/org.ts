import { addOrganisation, listOrganisations } from '@gongkai/gateway'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openOrganisationStore } from '../organisation-store.js'

const ORG_ID = /^[a-z0-9][a-z0-9_.-]*$/

/** `gongkai org add <id> --name <name>`: registers another organisation (its tokens come next). */
export const orgAddCommand: Command = {
  name: 'org add',
  summary: 'Register an organisation (the workspace config names the first one)',
  usage: 'gongkai org add <id> --name <name> [--json]',
  options: { name: { type: 'string' } },
  async run(ctx) {
    const [id] = ctx.args
    if (!id || ctx.args.length > 1) throw new UsageError('give one organisation id')
    if (!ORG_ID.test(id) || id.includes('..'))
      throw new UsageError(
        `organisation id "${id}": lower-case letters, digits, _ . - (e.g. xuhui)`
      )
    const name = (ctx.flags.name as string | undefined)?.trim()
    if (!name) throw new UsageError('--name <name> is required, e.g. --name 徐汇区人民政府')
    const { store } = await openOrganisationStore(ctx)
    try {
      const r = await addOrganisation(store, { id, name })
      if (!r.ok) {
        if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: false, id, error: 'id_unavailable' })}\n`)
        ctx.io.err(`organisation "${id}" is already registered\n`)
        return ExitCode.failed
      }
      if (ctx.json) ctx.io.out(`${JSON.stringify({ ok: true, ...r.organisation })}\n`)
      else ctx.io.out(`registered ${id} (${name})\n`)
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}

/** `gongkai org list`: every organisation, the workspace's first. */
export const orgListCommand: Command = {
  name: 'org list',
  summary: 'List the organisations of the store',
  usage: 'gongkai org list [--json]',
  async run(ctx) {
    if (ctx.args.length) throw new UsageError(`unexpected argument "${ctx.args[0]}"`)
    const { store } = await openOrganisationStore(ctx)
    try {
      const orgs = await listOrganisations(store)
      if (ctx.json) ctx.io.out(`${JSON.stringify(orgs, null, 2)}\n`)
      else {
        for (const o of orgs) ctx.io.out(`${o.id.padEnd(24)} ${o.name}\n`)
        ctx.io.out(`${orgs.length} organisation(s)\n`)
      }
      return ExitCode.ok
    } finally {
      await store.close()
    }
  },
}
