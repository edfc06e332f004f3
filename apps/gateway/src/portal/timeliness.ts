import { dueDate } from '@gongkai/calendar'
import type { CatalogueEntry, ContentItem } from '@gongkai/schema'

/** Due date and on-time status of one published item, when the entry's rule allows telling. */
export interface Timeliness {
  dueDate?: string
  onTime?: boolean
  /** Why it cannot be told, in words. */
  note?: string
}

/**
 * Checks an item against its entry's 公开时限: for "N 个工作日内" rules the due date counts from
 * the item's 成文日期 on the working-day calendar. Other rules report a note instead of guessing.
 */
export function timeliness(entry: CatalogueEntry, item: ContentItem): Timeliness {
  const limit = entry.timeLimit
  if (limit.type !== 'after_event') return { note: limit.text }
  if (!item.formedAt || !item.publishedAt) return { note: '缺少成文日期或发布日期，无法判断' }
  // The calendar package types TimeLimit itself; the schema's shape is the same JSON.
  const due = dueDate(limit as Parameters<typeof dueDate>[0], { date: item.formedAt })
  if (due.kind !== 'date') return { note: due.kind === 'error' ? due.message : limit.text }
  return { dueDate: due.date, onTime: item.publishedAt <= due.date }
}
