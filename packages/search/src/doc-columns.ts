import { SEARCH_TYPES, type SearchDoc } from './search-doc.js'

/** Strings of one kind (field codes, organs, years) as small integers, in order of appearance. */
export class Interned {
  private readonly ids = new Map<string, number>()
  /** The strings, by id. */
  readonly values: string[] = []

  /** The id of `value`, a new one when it was never seen. */
  id(value: string): number {
    let id = this.ids.get(value)
    if (id === undefined) {
      id = this.values.length
      this.ids.set(value, id)
      this.values.push(value)
    }
    return id
  }

  /** The id of `value`, or -1 when it was never seen. */
  find(value: string): number {
    return this.ids.get(value) ?? -1
  }
}

/** One short list of ids per document, packed in one array (documents are only appended). */
export class IdLists {
  /** Where document d's ids start in `pool`; they end where document d + 1's start. */
  start = new Uint32Array(1025)
  pool = new Uint32Array(1024)
  private docs = 0

  /** Appends the list of the next document. */
  push(ids: readonly number[]): void {
    const at = this.start[this.docs] as number
    if (this.docs + 2 > this.start.length) {
      const s = new Uint32Array(this.start.length * 2)
      s.set(this.start)
      this.start = s
    }
    if (at + ids.length > this.pool.length) {
      const p = new Uint32Array(Math.max(this.pool.length * 2, at + ids.length))
      p.set(this.pool)
      this.pool = p
    }
    for (let i = 0; i < ids.length; i++) this.pool[at + i] = ids[i] as number
    this.docs++
    this.start[this.docs] = at + ids.length
  }

  /** True when document d's list holds `id`. */
  has(d: number, id: number): boolean {
    for (let i = this.start[d] as number; i < (this.start[d + 1] as number); i++)
      if (this.pool[i] === id) return true
    return false
  }

  /** Adds one to `counts[id]` for every id of document d. */
  count(d: number, counts: Uint32Array): void {
    for (let i = this.start[d] as number; i < (this.start[d + 1] as number); i++) {
      const id = this.pool[i] as number
      counts[id] = (counts[id] as number) + 1
    }
  }

  /** Forgets every list. */
  clear(): void {
    this.docs = 0
    this.start[0] = 0
  }
}

/**
 * What filters, facets and tie-breaks read of each document, by document number, in typed
 * arrays: a query that matches most of the index then walks arrays instead of document objects
 * and counts facets in arrays instead of maps of strings.
 */
export class DocColumns {
  readonly fieldValues = new Interned()
  readonly organValues = new Interned()
  readonly yearValues = new Interned()
  /** Index of the type in SEARCH_TYPES (the order facets and ties list types in). */
  type = new Uint8Array(1024)
  /** Year as an id of `yearValues`, -1 when unknown. */
  year = new Int32Array(1024)
  /** Date (YYYY-MM-DD), '' when unknown. */
  readonly date: string[] = []
  readonly fields = new IdLists()
  readonly organs = new IdLists()

  /** Appends document number `n` (the next one). */
  add(n: number, doc: SearchDoc): void {
    if (n >= this.type.length) {
      const t = new Uint8Array(this.type.length * 2)
      t.set(this.type)
      this.type = t
      const y = new Int32Array(this.year.length * 2)
      y.set(this.year)
      this.year = y
    }
    this.type[n] = SEARCH_TYPES.indexOf(doc.type)
    this.year[n] = doc.year === undefined ? -1 : this.yearValues.id(String(doc.year))
    this.date[n] = doc.date ?? ''
    this.fields.push(doc.fields.map((f) => this.fieldValues.id(f)))
    this.organs.push(doc.organs.map((o) => this.organValues.id(o)))
  }

  /** Forgets every document (the interned values stay: ids remain valid). */
  clear(): void {
    this.date.length = 0
    this.fields.clear()
    this.organs.clear()
  }
}
