import { existsSync } from 'node:fs'
import {
  createCalendar,
  type DueDateResult,
  dueDate,
  isValidDate,
  type TimeLimit,
  todayInShanghai,
} from '@gongkai/calendar'
import { type Command, UsageError } from '../command.js'
import { ExitCode } from '../exit-codes.js'
import { openCliWorkspace } from '../workspace-store.js'

const recurrences = ['daily', 'weekly', 'monthly', 'quarterly', 'semiannual', 'annual'] as const

/** Builds the time limit the flags describe. */
function timeLimitFromFlags(flags: Record<string, unknown>): TimeLimit {
  const count = (name: string): number => {
    const v = Number(flags[name])
    if (!Number.isInteger(v) || v < 0 || v > 3650)
      throw new UsageError(`--${name} expects a whole number 0–3650`)
    return v
  }
  const chosen = [
    'working-days',
    'calendar-days',
    'before-days',
    'recurring',
    'fixed',
    'time-limit',
  ].filter((k) => flags[k] !== undefined)
  if (chosen.length !== 1) {
    throw new UsageError(
      'give exactly one of --working-days, --calendar-days, --before-days, --recurring, --fixed, --time-limit'
    )
  }
  if (flags['working-days'] !== undefined) {
    const n = count('working-days')
    return {
      type: 'after_event',
      text: `${n}个工作日内`,
      trigger: 'formed_or_changed',
      amount: n,
      unit: 'working_day',
    }
  }
  if (flags['calendar-days'] !== undefined) {
    const n = count('calendar-days')
    return {
      type: 'after_event',
      text: `${n}日内`,
      trigger: 'formed_or_changed',
      amount: n,
      unit: 'calendar_day',
    }
  }
  if (flags['before-days'] !== undefined) {
    const n = count('before-days')
    return {
      type: 'before_event',
      text: `事前${n}日`,
      trigger: 'event_occurred',
      amount: n,
      unit: flags.working ? 'working_day' : 'calendar_day',
    }
  }
  if (flags.recurring !== undefined) {
    const r = flags.recurring as (typeof recurrences)[number]
    if (!recurrences.includes(r))
      throw new UsageError(`--recurring expects one of ${recurrences.join(', ')}`)
    return { type: 'recurring', text: r, recurrence: r }
  }
  if (flags.fixed !== undefined) {
    const m = String(flags.fixed).match(/^(\d{1,2})-(\d{1,2})$/)
    if (!m) throw new UsageError('--fixed expects MM-DD, e.g. 03-31')
    return {
      type: 'fixed_date',
      text: `每年${Number(m[1])}月${Number(m[2])}日前`,
      month: Number(m[1]),
      day: Number(m[2]),
    }
  }
  try {
    return JSON.parse(String(flags['time-limit'])) as TimeLimit
  } catch {
    throw new UsageError('--time-limit expects a JSON time limit, e.g. {"type":"after_event",…}')
  }
}

/** `gongkai due [date] …`: the due date of a 公开时限 counted from a date (or `--as-of`, or today), in Chinese working days. */
export const dueCommand: Command = {
  name: 'due',
  summary:
    'Compute a due date in Chinese working days (调休 included) from a date (default: --as-of, else today) and a time limit',
  usage:
    'gongkai due [<YYYY-MM-DD>] (--working-days N | --calendar-days N | --before-days N [--working] | --recurring daily|weekly|monthly|quarterly|semiannual|annual --to <date> | --fixed MM-DD [--to <date>] | --time-limit <json>)',
  options: {
    'working-days': { type: 'string' },
    'calendar-days': { type: 'string' },
    'before-days': { type: 'string' },
    working: { type: 'boolean' },
    recurring: { type: 'string' },
    fixed: { type: 'string' },
    to: { type: 'string' },
    'time-limit': { type: 'string' },
  },
  dates: true,
  async run(ctx) {
    if (ctx.args.length > 1) throw new UsageError('give one start date, e.g. 2021-04-14')
    const date = ctx.args[0] ?? ctx.asOf ?? todayInShanghai()
    if (!isValidDate(date)) throw new UsageError(`"${date}" is not a date (expected YYYY-MM-DD)`)
    const to = ctx.flags.to as string | undefined
    if (to !== undefined && !isValidDate(to))
      throw new UsageError(`--to "${to}" is not a date (expected YYYY-MM-DD)`)
    const timeLimit = timeLimitFromFlags(ctx.flags)
    // A workspace may bring holiday-cn files for years the bundled data does not cover.
    const calendar = createCalendar()
    if (ctx.workspace) {
      const ws = openCliWorkspace(ctx, ctx.workspace)
      const dir = ws.path(ws.config.paths.holidays)
      if (existsSync(dir)) {
        const loaded = calendar.loadHolidayYears(dir)
        if (loaded.errors.length) {
          for (const e of loaded.errors) ctx.io.err(`${e.message}\n`)
          return ExitCode.failed
        }
      }
    }
    const event =
      timeLimit.type === 'recurring' || (timeLimit.type === 'fixed_date' && to)
        ? { from: date, to: to ?? date }
        : timeLimit.type === 'fixed_date'
          ? { year: Number(date.slice(0, 4)) }
          : { date }
    const result: DueDateResult = dueDate(timeLimit, event, { calendar })
    if (ctx.json) {
      ctx.io.out(`${JSON.stringify(result, null, 2)}\n`)
      return result.kind === 'error' ? ExitCode.usage : ExitCode.ok
    }
    switch (result.kind) {
      case 'date':
        ctx.io.out(`${result.date}\n`)
        if (result.provisional) ctx.io.err(`provisional: ${result.reason}\n`)
        return ExitCode.ok
      case 'schedule':
        for (const d of result.dates)
          ctx.io.out(
            `${d.periodStart}…${d.periodEnd}\t${d.due}${d.provisional ? '\t(provisional)' : ''}\n`
          )
        return ExitCode.ok
      case 'fixed':
        for (const d of result.dates) {
          ctx.io.out(
            `${d.date}${d.offDay ? '\t(not a working day)' : ''}${d.provisional ? '\t(provisional)' : ''}\n`
          )
        }
        return ExitCode.ok
      case 'none':
        ctx.io.out(`no fixed date: ${result.reason}\n`)
        return ExitCode.ok
      case 'parts': {
        // One line per clause of a composite limit: the kinds it governs, then its date.
        let failed = false
        for (const p of result.parts) {
          const kinds = p.appliesTo?.join(',') ?? '(general)'
          if (p.result.kind === 'error') {
            failed = true
            ctx.io.err(`${kinds}\t${p.result.message}\n`)
          } else
            ctx.io.out(
              `${kinds}\t${p.result.date}${p.result.provisional ? '\t(provisional)' : ''}\n`
            )
        }
        return failed ? ExitCode.usage : ExitCode.ok
      }
      default:
        ctx.io.err(`${result.message}\n`)
        return ExitCode.usage
    }
  },
}
