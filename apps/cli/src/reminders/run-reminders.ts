import type { DueItem } from '@gongkai/cases'
import type { MailSender } from '@gongkai/gateway'
import type { Organ, RemindersConfig } from '@gongkai/store'
import type { NoticeKey, NoticeLog } from './notice-log.js'
import { postWebhook } from './webhook.js'

/** The webhook's JSON body (issue 18). */
interface ReminderPayload {
  event: 'due_soon' | 'overdue'
  item: { kind: string; id: string; organ: string; dueDate: string; workingDaysLeft: number }
}

/** What happened to one notice in a run. */
interface NoticeOutcome {
  kind: string
  id: string
  organ: string
  event: 'due_soon' | 'overdue'
  /** `due_soon:<n>` (the threshold crossed) or `overdue`. */
  threshold: string
  channel: 'webhook' | 'email'
  status:
    | 'sent'
    | 'failed'
    | 'already_sent'
    | 'in_progress'
    | 'waiting_retry'
    | 'would_send'
    | 'no_recipient'
  to?: string
  /** Attempts made so far (failed and sent notices). */
  attempts?: number
  /** When a failed notice will be tried again (exponential backoff). */
  nextAttemptAt?: string
  error?: string
}

/** Outcome of {@link runReminders}. */
export interface RemindResult {
  asOf: string
  dryRun: boolean
  items: number
  sent: number
  failed: number
  notices: NoticeOutcome[]
}

/**
 * The threshold an item has crossed: `overdue`, else the smallest `dueSoonWorkingDays` at or above
 * its working days left (so one notice per threshold as the due date nears), else none.
 */
function thresholdOf(item: DueItem, dueSoon: readonly number[]): string | undefined {
  if (item.workingDaysLeft < 0) return 'overdue'
  const crossed = dueSoon.filter((t) => item.workingDaysLeft <= t)
  return crossed.length ? `due_soon:${Math.min(...crossed)}` : undefined
}

const KIND_ZH: Record<string, string> = {
  request_reply: '依申请公开答复',
  request_registration: '依申请公开登记',
  message: '政民互动留言答复',
  consultation_feedback: '意见征集采纳情况公开',
  catalogue_entry: '目录事项公开',
}

/** The e-mail of one notice: a Chinese subject and a plain-text body. */
function mailOf(p: ReminderPayload, organName: string): { subject: string; text: string } {
  const what = KIND_ZH[p.item.kind] ?? p.item.kind
  const state =
    p.event === 'overdue'
      ? `已逾期${-p.item.workingDaysLeft}个工作日`
      : `还剩${p.item.workingDaysLeft}个工作日`
  return {
    subject: `【政务公开提醒】${what}${p.event === 'overdue' ? '已逾期' : '即将到期'}：${p.item.id}`,
    text: [
      `${organName}：`,
      '',
      `${what} ${p.item.id} 的期限为 ${p.item.dueDate}，${state}。`,
      '',
      `kind: ${p.item.kind}`,
      `id: ${p.item.id}`,
      `organ: ${p.item.organ}`,
      `dueDate: ${p.item.dueDate}`,
      `workingDaysLeft: ${p.item.workingDaysLeft}`,
    ].join('\n'),
  }
}

/**
 * Sends the notices of `items` that are due: per item the threshold crossed, per configured channel
 * (webhook; e-mail to the organ's `organs[].email`) one notice ever, claimed in the store first so
 * that concurrent runs never send twice. A failure is recorded with its next attempt (backoff) and
 * retried by a later run; `dryRun` reports what would be sent and changes nothing.
 */
export async function runReminders(input: {
  items: readonly DueItem[]
  asOf: string
  config: RemindersConfig
  organs: readonly Organ[]
  log: NoticeLog
  mail?: MailSender
  dryRun?: boolean
  now?: () => Date
}): Promise<RemindResult> {
  const { config, log } = input
  const now = input.now ?? (() => new Date())
  const notices: NoticeOutcome[] = []
  for (const item of input.items) {
    const threshold = thresholdOf(item, config.dueSoonWorkingDays)
    if (!threshold) continue
    const event: ReminderPayload['event'] = threshold === 'overdue' ? 'overdue' : 'due_soon'
    const payload: ReminderPayload = {
      event,
      item: {
        kind: item.kind,
        id: item.id,
        organ: item.organ,
        dueDate: item.dueDate,
        workingDaysLeft: item.workingDaysLeft,
      },
    }
    const organ = input.organs.find((o) => o.id === item.organ)
    const channels: ('webhook' | 'email')[] = []
    if (config.webhook) channels.push('webhook')
    if (config.smtp) channels.push('email')
    for (const channel of channels) {
      const base = { kind: item.kind, id: item.id, organ: item.organ, event, threshold, channel }
      const key: NoticeKey = { kind: item.kind, itemId: item.id, threshold, channel }
      const to = channel === 'email' ? organ?.email : undefined
      if (channel === 'email' && !to) {
        notices.push({ ...base, status: 'no_recipient' })
        continue
      }
      if (input.dryRun) {
        const state = await log.state(key)
        notices.push({
          ...base,
          ...(to ? { to } : {}),
          status: state?.status === 'sent' ? 'already_sent' : 'would_send',
          ...(state ? { attempts: state.attempts } : {}),
        })
        continue
      }
      const claim = await log.claim(key, now())
      if ('refused' in claim) {
        const state = await log.state(key)
        notices.push({
          ...base,
          status: claim.refused,
          ...(state ? { attempts: state.attempts } : {}),
          ...(state?.nextAttemptAt && claim.refused === 'waiting_retry'
            ? { nextAttemptAt: state.nextAttemptAt }
            : {}),
        })
        continue
      }
      try {
        if (channel === 'webhook' && config.webhook)
          await postWebhook(config.webhook, payload, now())
        else if (channel === 'email' && to) {
          if (!input.mail) throw new Error('no SMTP sender')
          await input.mail.send({ to, ...mailOf(payload, organ?.name ?? item.organ) })
        }
        await log.sent(key, now())
        notices.push({
          ...base,
          ...(to ? { to } : {}),
          status: 'sent',
          attempts: claim.attempts + 1,
        })
      } catch (err) {
        const message =
          err instanceof Error
            ? `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}`
            : String(err)
        const f = await log.failed(key, now(), message)
        notices.push({ ...base, ...(to ? { to } : {}), status: 'failed', ...f, error: message })
      }
    }
  }
  return {
    asOf: input.asOf,
    dryRun: input.dryRun === true,
    items: input.items.length,
    sent: notices.filter((n) => n.status === 'sent').length,
    failed: notices.filter((n) => n.status === 'failed').length,
    notices,
  }
}
