import { maskPersonalInfo } from '@gongkai/privacy'
import type { ContentItem } from '@gongkai/schema'

/**
 * A content item as this site shows it: personal information in its title and summary masked
 * where it stands (张*, 138****5678). Imported content is another site's publication, so it is
 * never refused here (refusing would hide the link to the document); masking keeps what this site
 * republishes clean while the link still leads to the original. Returns the item itself when
 * nothing is found.
 */
export function displayedItem<T extends Pick<ContentItem, 'title' | 'summary'>>(item: T): T {
  const title = maskPersonalInfo(item.title)
  const summary = item.summary === undefined ? undefined : maskPersonalInfo(item.summary)
  if (title === item.title && summary === item.summary) return item
  return { ...item, title, ...(summary === undefined ? {} : { summary }) }
}
