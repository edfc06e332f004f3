import { type ContentIndex, openContentIndex } from '@gongkai/linker'
import type { Store } from '@gongkai/store'

export type { ContentIndex }

/** Opens the linker's content index (running its migrations). */
export async function loadLinker(store: Store): Promise<ContentIndex> {
  return openContentIndex(store)
}
