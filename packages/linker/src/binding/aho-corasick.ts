/** A hit of {@link AhoCorasick.search}: which pattern, ending where. */
export interface AcHit {
  /** Index of the pattern in the array given to the constructor. */
  pattern: number
  /** Index just past the last matched character. */
  end: number
}

interface Node {
  next: Map<number, number>
  fail: number
  /** Patterns ending here, own and inherited through failure links. */
  out: number[]
}

/**
 * Aho–Corasick automaton: finds every occurrence of many patterns in one pass over a text,
 * in time linear in the text plus the hits, whatever the number of patterns.
 */
export class AhoCorasick {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }]
  /** Pattern lengths in characters, by pattern index. */
  readonly lengths: number[]

  constructor(patterns: readonly string[]) {
    this.lengths = patterns.map((p) => p.length)
    patterns.forEach((p, i) => {
      if (!p) return
      let n = 0
      for (let k = 0; k < p.length; k++) {
        const ch = p.charCodeAt(k)
        const node = this.nodes[n] as Node
        let to = node.next.get(ch)
        if (to === undefined) {
          to = this.nodes.length
          this.nodes.push({ next: new Map(), fail: 0, out: [] })
          node.next.set(ch, to)
        }
        n = to
      }
      ;(this.nodes[n] as Node).out.push(i)
    })
    // Breadth-first failure links; outputs inherited so search needs no suffix walk.
    const queue: number[] = []
    for (const to of (this.nodes[0] as Node).next.values()) queue.push(to)
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi] as number
      const node = this.nodes[u] as Node
      for (const [ch, v] of node.next) {
        let f = node.fail
        while (f !== 0 && !(this.nodes[f] as Node).next.has(ch)) f = (this.nodes[f] as Node).fail
        const target = (this.nodes[f] as Node).next.get(ch)
        const child = this.nodes[v] as Node
        child.fail = target !== undefined && target !== v ? target : 0
        child.out.push(...(this.nodes[child.fail] as Node).out)
        queue.push(v)
      }
    }
  }

  /** Every occurrence of every pattern in `text`. */
  search(text: string): AcHit[] {
    const hits: AcHit[] = []
    const nodes = this.nodes
    let n = 0
    // Code units rather than code points: patterns are indexed the same way, and it is faster.
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i)
      for (;;) {
        const to = (nodes[n] as Node).next.get(ch)
        if (to !== undefined) {
          n = to
          break
        }
        if (n === 0) break
        n = (nodes[n] as Node).fail
      }
      const out = (nodes[n] as Node).out
      for (let k = 0; k < out.length; k++) hits.push({ pattern: out[k] as number, end: i + 1 })
    }
    return hits
  }
}
