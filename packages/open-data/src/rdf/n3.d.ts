// n3 2.13 ships no type declarations and @types/n3 is not installed; these cover what the tests use.
declare module 'n3' {
  interface Term {
    termType: string
    value: string
    language?: string
    datatype?: Term
  }
  interface Quad {
    subject: Term
    predicate: Term
    object: Term
    graph: Term
  }
  export class Parser {
    constructor(options?: { format?: string; baseIRI?: string })
    parse(input: string): Quad[]
  }
  export class Store {
    constructor(quads?: Quad[])
    readonly size: number
    addQuads(quads: Quad[]): void
    removeQuads(quads: Quad[]): void
    getQuads(
      subject: Term | string | null,
      predicate: Term | string | null,
      object: Term | string | null,
      graph: Term | string | null
    ): Quad[]
  }
  export class Writer {
    constructor(options?: { prefixes?: Record<string, string>; format?: string })
    addQuads(quads: Quad[]): void
    end(done: (error: Error | null, result: string) => void): void
  }
}
