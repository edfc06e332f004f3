import { existsSync } from 'node:fs'
import { createCalendar } from '@gongkai/calendar'
import {
  type Cases,
  CasesError,
  type Consultations,
  type Messages,
  openCases,
  openConsultations,
  openMessages,
} from '@gongkai/cases'
import { openContentIndex } from '@gongkai/linker'
import type { Organ, Store, Workspace } from '@gongkai/store'
import type { CommandContext } from './command.js'
import { ExitCode } from './exit-codes.js'
import { openWorkspaceStore } from './workspace-store.js'

/** A workspace's requests, opened on its store with its organs, clock keys and holiday files. */
export interface WorkspaceCases {
  ws: Workspace
  store: Store
  cases: Cases
  /** 政民互动 messages, with config `online.*`. */
  messages: Messages
  /** 意见征集 consultations, with config `participation.*`; issued documents must be in the content index. */
  consultations: Consultations
  /** Config `organs[]`. */
  organs: readonly Organ[]
}

/**
 * Opens the cases of the workspace: requests only for organs of config `organs[]`, clocks with
 * `request.*`, `online.*`, `participation.*` and the workspace's extra holiday years (`paths.holidays`). A holiday file that does
 * not read is an error, never a silent guess.
 */
export async function openWorkspaceCases(ctx: CommandContext): Promise<WorkspaceCases> {
  const { ws, store } = openWorkspaceStore(ctx)
  try {
    const calendar = createCalendar()
    const dir = ws.path(ws.config.paths.holidays)
    if (existsSync(dir)) {
      const loaded = calendar.loadHolidayYears(dir)
      if (loaded.errors.length) throw new Error(loaded.errors.map((e) => e.message).join('; '))
    }
    const organs = ws.config.organs
    const config = {
      request: ws.config.request,
      online: ws.config.online,
      participation: ws.config.participation,
    }
    const organIds = organs.map((o) => o.id)
    const cases = await openCases(store, { calendar, config, organs: organIds })
    const messages = await openMessages(store, { calendar, config, organs: organIds })
    const index = await openContentIndex(store)
    const consultations = await openConsultations(store, {
      calendar,
      config,
      organs: organIds,
      contentExists: (id) => contentExists(index, id),
    })
    return { ws, store, cases, messages, consultations, organs }
  } catch (err) {
    await store.close()
    throw err
  }
}

/**
 * True when the content index holds `id`: an item's URL (the index's key) or its `id` field. The
 * scan for the id runs only when no URL matches, and only on `document_issued`.
 */
async function contentExists(
  index: Awaited<ReturnType<typeof openContentIndex>>,
  id: string
): Promise<boolean> {
  if (await index.get(id)) return true
  for await (const item of index.all()) if (item.id === id) return true
  return false
}

/**
 * Reports a {@link CasesError}: `--json` prints its `{ error: { code, message, details } }` body on
 * stdout, the text names the code, the offending event or parameter. Malformed flags are usage
 * errors (2); an impossible history, an unknown request or a taken id fail the check (1). Other
 * errors are rethrown.
 */
export function casesFailure(ctx: CommandContext, command: string, err: unknown): number {
  if (!(err instanceof CasesError)) throw err
  if (ctx.json) ctx.io.out(`${JSON.stringify(err.toJSON())}\n`)
  let where = ''
  if (err.code === 'impossible_history') {
    // The message names the event already; the rule's code helps whoever looks it up.
    const d = err.details as { rule?: string }
    if (d.rule) where = ` (rule ${d.rule})`
  }
  ctx.io.err(`gongkai ${command}: ${err.code}: ${err.message}${where}\n`)
  return err.code === 'bad_request' ? ExitCode.usage : ExitCode.failed
}
