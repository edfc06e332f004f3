import { badQuery } from './ckan-error.js'

/**
 * The subset of Solr's standard query syntax CKAN clients send in `q` and `fq`
 * (https://solr.apache.org/guide/solr/latest/query-guide/standard-query-parser.html):
 * `field:value`, `field:"quoted value"`, `field:[a TO b]` / `{a TO b}` with `*` for an open end,
 * `field:(a OR b)`, `-field:x` / `NOT field:x` / `+field:x`, `AND` / `OR` / `&&` / `||`, parentheses,
 * `*:*`, `value*` wildcards, and free text. Juxtaposed clauses are ANDed (CKAN's Solr schema sets
 * the default operator to AND).
 */
export type SolrNode =
  | { kind: 'all' }
  | { kind: 'and'; items: SolrNode[] }
  | { kind: 'or'; items: SolrNode[] }
  | { kind: 'not'; item: SolrNode }
  | { kind: 'term'; field: string | undefined; value: string; quoted: boolean }
  | {
      kind: 'range'
      field: string
      lo: string | undefined
      hi: string | undefined
      loInclusive: boolean
      hiInclusive: boolean
    }

/** Parses `text` (the value of parameter `parameter`); errors name the parameter and the position. */
export function parseSolr(text: string, parameter: string): SolrNode {
  const p = new Parser(text, parameter)
  const node = p.parseOr(undefined, false)
  p.skipSpace()
  if (!p.done()) p.fail(`unexpected "${text.slice(p.pos, p.pos + 10)}"`)
  return node
}

const STOP = /[\s()]/

class Parser {
  pos = 0
  constructor(
    readonly text: string,
    readonly parameter: string
  ) {}

  fail(problem: string): never {
    throw badQuery(
      this.parameter,
      `${problem} at character ${this.pos + 1} of ${JSON.stringify(this.text)}`
    )
  }

  done() {
    return this.pos >= this.text.length
  }

  skipSpace() {
    while (!this.done() && /\s/.test(this.text[this.pos] as string)) this.pos++
  }

  /** The keyword at the cursor (`AND`, `OR`, `NOT`, `&&`, `||`) when followed by a boundary. */
  keyword(): string | undefined {
    const m = /^(AND|OR|NOT|&&|\|\|)(?=[\s()]|$)/.exec(this.text.slice(this.pos))
    return m?.[1]
  }

  parseOr(field: string | undefined, nested: boolean): SolrNode {
    const items = [this.parseAnd(field, nested)]
    for (;;) {
      this.skipSpace()
      const k = this.keyword()
      if (k !== 'OR' && k !== '||') break
      this.pos += k.length
      items.push(this.parseAnd(field, nested))
    }
    return items.length === 1 ? (items[0] as SolrNode) : { kind: 'or', items }
  }

  parseAnd(field: string | undefined, nested: boolean): SolrNode {
    const items: SolrNode[] = []
    for (;;) {
      this.skipSpace()
      if (this.done() || this.text[this.pos] === ')') break
      const k = this.keyword()
      if (k === 'OR' || k === '||') break
      if (k === 'AND' || k === '&&') {
        if (items.length === 0) this.fail(`${k} without a clause before it`)
        this.pos += k.length
        continue
      }
      items.push(this.parseUnary(field, nested))
    }
    if (items.length === 0) this.fail('a clause is missing')
    return items.length === 1 ? (items[0] as SolrNode) : { kind: 'and', items }
  }

  parseUnary(field: string | undefined, nested: boolean): SolrNode {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === '-' || c === '!') {
      this.pos++
      return { kind: 'not', item: this.parseUnary(field, nested) }
    }
    if (c === '+') {
      this.pos++
      return this.parseUnary(field, nested)
    }
    if (this.keyword() === 'NOT') {
      this.pos += 3
      return { kind: 'not', item: this.parseUnary(field, nested) }
    }
    return this.parsePrimary(field, nested)
  }

  parsePrimary(field: string | undefined, nested: boolean): SolrNode {
    this.skipSpace()
    if (this.text[this.pos] === '(') {
      this.pos++
      const inner = this.parseOr(field, true)
      this.skipSpace()
      if (this.text[this.pos] !== ')') this.fail('a closing ")" is missing')
      this.pos++
      return inner
    }
    if (this.text[this.pos] === ')') this.fail(nested ? 'an empty group' : 'an unmatched ")"')
    // A field name, if the word is followed by a colon.
    const m = /^([A-Za-z_][\w.]*|\*):/.exec(this.text.slice(this.pos))
    if (m && field === undefined) {
      const name = m[1] as string
      this.pos += m[0].length
      if (name === '*') {
        if (this.text.slice(this.pos).startsWith('*')) {
          this.pos++
          return { kind: 'all' }
        }
        this.fail('only *:* may use the field *')
      }
      const next = this.text[this.pos]
      if (next === '(') return this.parsePrimary(name, nested)
      if (next === '[' || next === '{') return this.parseRange(name)
      if (next === undefined || /\s/.test(next)) this.fail(`no value after "${name}:"`)
      return this.parseValue(name)
    }
    return this.parseValue(field)
  }

  parseValue(field: string | undefined): SolrNode {
    if (this.text[this.pos] === '"')
      return { kind: 'term', field, value: this.quoted(), quoted: true }
    let out = ''
    while (!this.done() && !STOP.test(this.text[this.pos] as string)) {
      const ch = this.text[this.pos] as string
      if (ch === '\\') {
        this.pos++
        if (this.done()) this.fail('a backslash at the end')
      }
      out += this.text[this.pos]
      this.pos++
    }
    if (out === '') this.fail('a value is missing')
    if (out === '*' && field === undefined) return { kind: 'all' }
    return { kind: 'term', field, value: out, quoted: false }
  }

  quoted(): string {
    this.pos++
    let out = ''
    for (;;) {
      if (this.done()) this.fail('a closing quote is missing')
      const ch = this.text[this.pos] as string
      this.pos++
      if (ch === '"') return out
      if (ch === '\\') {
        if (this.done()) this.fail('a closing quote is missing')
        out += this.text[this.pos]
        this.pos++
      } else out += ch
    }
  }

  parseRange(field: string): SolrNode {
    const loInclusive = this.text[this.pos] === '['
    this.pos++
    const lo = this.bound()
    this.skipSpace()
    if (!this.text.slice(this.pos).startsWith('TO'))
      this.fail('a range needs "TO" between its ends')
    this.pos += 2
    const hi = this.bound()
    this.skipSpace()
    const close = this.text[this.pos]
    if (close !== ']' && close !== '}') this.fail('a range ends with "]" or "}"')
    this.pos++
    return { kind: 'range', field, lo, hi, loInclusive, hiInclusive: close === ']' }
  }

  /** One end of a range; undefined for `*`. */
  bound(): string | undefined {
    this.skipSpace()
    if (this.text[this.pos] === '"') return this.quoted()
    let out = ''
    while (!this.done() && !/[\s\]}]/.test(this.text[this.pos] as string)) {
      if (this.text[this.pos] === '\\') this.pos++
      out += this.text[this.pos] ?? ''
      this.pos++
    }
    if (out === '') this.fail('a range end is missing')
    return out === '*' ? undefined : out
  }
}
