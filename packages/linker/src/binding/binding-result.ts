import type { Binding } from '@gongkai/schema'

/** An entry of a catalogue, by ids. */
export interface EntryKey {
  catalogue: string
  entry: string
}

/** An item the defaults matched to a first-level group but to no single entry of it. */
export interface AmbiguousMatch {
  /** Content URL. */
  content: string
  /** The entries it could belong to, best first. */
  candidates: EntryKey[]
  /** Why it was left unbound. */
  reason: string
}

/** Outcome of {@link bind}: bindings, content bound to nothing, entries with no content. */
export interface BindingResult {
  /** Sorted by content URL, then catalogue, then entry. */
  bindings: Binding[]
  /** URLs of content bound to no entry, sorted. */
  unbound: string[]
  /** Entries of the catalogues with no bound content, in catalogue and entry order. */
  entriesWithoutContent: EntryKey[]
  /** Unbound items that matched a column or title of several entries equally (sorted by URL). */
  ambiguous?: AmbiguousMatch[]
}
