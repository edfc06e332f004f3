import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openDatastore } from '@gongkai/open-data'
import { openWorkspace } from '@gongkai/store'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bufferIo } from './io.js'
import { main } from './main.js'

// The adversarial corpus (test-corpus/ingest, see its README): every table case goes through
// `dataset infer`, `validate` and `dataset add`, which must exit alike and name the same rows.
const corpus = new URL('../../../test-corpus/ingest/', import.meta.url)

interface ExpectedError {
  row: number
  column?: string
  rule: string
  message?: string
}

interface Outcome {
  exit: number
  errors?: ExpectedError[]
  errorMessage?: string
  stored?: number
  skipped?: number[]
  blank?: number[]
  merged?: { row: number; lines: [number, number] }[]
  encoding?: string
}

interface Case {
  about: string
  kind?: string
  input?: { file: string; text?: string; parts?: ({ text: string } | { hex: string })[] }
  generator?: { module: string; file: string } & Record<string, unknown>
  schema?: unknown
  expect: Outcome & { skipBadRows?: Outcome; written?: boolean }
}

interface Reported {
  row: number
  column?: string
  rule?: string
  message: string
}

const all = readdirSync(corpus)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    name: f.slice(0, -5),
    spec: JSON.parse(readFileSync(new URL(f, corpus), 'utf8')) as Case,
  }))
const cases = all.filter((c) => (c.spec.kind ?? 'table') === 'table')
const imports = all.filter((c) => c.spec.kind === 'catalogue-import')

let root = ''
let ws = ''
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'gongkai-corpus-'))
  expect(await run(['init', 'ws', '--no-samples'], root)).toMatchObject({ code: 0 })
  ws = join(root, 'ws')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

async function run(args: string[], cwd: string) {
  const io = bufferIo(cwd)
  const code = await main(args, io)
  return { code, stdout: io.stdout, stderr: io.stderr }
}

/** Writes a case's input (bytes as given, or made by its generator); returns the file path. */
async function writeInput(c: Case, dir: string): Promise<string> {
  if (c.generator) {
    const { module, file, ...args } = c.generator
    const gen = await import(pathToFileURL(join(corpus.pathname, module)).href)
    const path = join(dir, file)
    await gen.default(path, args)
    return path
  }
  const input = c.input
  if (!input) throw new Error('a case needs input or generator')
  const parts = input.parts ?? [{ text: input.text ?? '' }]
  const bytes = Buffer.concat(
    parts.map((p) => ('hex' in p ? Buffer.from(p.hex, 'hex') : Buffer.from(p.text, 'utf8')))
  )
  const path = join(dir, input.file)
  writeFileSync(path, bytes)
  return path
}

/** Errors a command reported, from its --json output. */
function reported(command: string, stdout: string): Reported[] {
  const out = JSON.parse(stdout)
  if (command === 'validate') return out.files[0].errors
  return out.errors ?? []
}

function expectErrors(command: string, got: Reported[], want: Outcome): void {
  for (const w of want.errors ?? []) {
    const hit = got.find(
      (g) =>
        g.row === w.row &&
        g.rule === w.rule &&
        (w.column === undefined || g.column === w.column) &&
        (w.message === undefined || g.message.includes(w.message))
    )
    expect(
      hit,
      `${command} reports ${JSON.stringify(w)}; it reported ${JSON.stringify(got)}`
    ).toBeDefined()
  }
  if (want.errorMessage)
    expect(got.map((g) => g.message).join('\n'), command).toContain(want.errorMessage)
}

// Problems of the file itself, which every reader must find alike (schema rules are add's and validate's).
const SOURCE_RULES = new Set(['encoding', 'binary', 'quote', 'ragged', 'json', 'source'])
const sourceErrors = (errors: Reported[]) =>
  errors
    .filter((e) => SOURCE_RULES.has(e.rule ?? ''))
    .map((e) => `${e.row}/${e.column ?? ''}/${e.rule}`)
    .sort()

async function storedRows(id: string): Promise<number> {
  const w = openWorkspace(ws)
  const store = w.openStore()
  try {
    const ds = await openDatastore(store, {
      filesDir: join(root, 'files'),
      baseUrl: w.config.baseUrl,
    })
    const r = await ds.rows(id, { limit: 1 })
    if (!r.ok) throw new Error(`no rows for ${id}`)
    return r.total
  } finally {
    await store.close()
  }
}

async function checkPublished(id: string, stdout: string, want: Outcome): Promise<void> {
  const r = JSON.parse(stdout)
  expect(r.ok).toBe(true)
  if (want.stored !== undefined) expect(r.rowCount).toBe(want.stored)
  // The store holds exactly the rows reported, and every row read is kept or skipped.
  expect(await storedRows(id)).toBe(r.rowCount)
  expect(r.rows.kept).toBe(r.rowCount)
  expect(r.rows.read).toBe(r.rows.kept + r.rows.skipped.count)
  expect(r.rows.skipped.rows).toEqual(want.skipped ?? [])
  expect(r.rows.blank.rows).toEqual(want.blank ?? [])
  expect(r.rows.merged.rows).toEqual(want.merged ?? [])
  if (want.encoding) expect(r.source.encoding).toBe(want.encoding)
}

describe('adversarial ingest corpus', () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20)
  })

  cases.forEach(({ name, spec }, n) => {
    it(`${name}: ${spec.about.slice(0, 80)}`, async () => {
      const dir = join(ws, 'corpus', name)
      mkdirSync(dir, { recursive: true })
      const file = await writeInput(spec, dir)
      const schemaArgs: string[] = []
      if (spec.schema) {
        writeFileSync(join(dir, 'schema.json'), JSON.stringify(spec.schema))
        schemaArgs.push('--schema', join(dir, 'schema.json'))
      }
      const want = spec.expect
      const id = `case-${n}`
      const add = (as: string) => [
        ...['dataset', 'add', file, '--id', as, '--title', name, '--openness', 'conditional'],
        ...schemaArgs,
      ]
      const results = {
        infer: await run(['dataset', 'infer', file, '--json'], ws),
        validate: await run(['validate', file, ...schemaArgs, '--json'], ws),
        add: await run([...add(id), '--json'], ws),
      }
      for (const [command, r] of Object.entries(results))
        expect(r.code, `${command} exit (${r.stderr}${r.stdout.slice(0, 2000)})`).toBe(want.exit)
      if (want.exit !== 0) {
        const errors = {
          infer: reported('infer', results.infer.stdout),
          validate: reported('validate', results.validate.stdout),
          add: reported('add', results.add.stdout),
        }
        for (const [command, got] of Object.entries(errors)) {
          // Inference proposes its own schema: it finds the file's problems, not schema errors.
          const mine =
            command === 'infer' && spec.schema
              ? { ...want, errors: want.errors?.filter((e) => SOURCE_RULES.has(e.rule)) }
              : want
          expectErrors(command, got, mine)
        }
        // Parity: the file's own problems are the same rows and rules whoever reads it.
        expect(sourceErrors(errors.validate)).toEqual(sourceErrors(errors.add))
        if (!spec.schema) expect(sourceErrors(errors.infer)).toEqual(sourceErrors(errors.add))
      } else await checkPublished(id, results.add.stdout, want)

      const skip = want.skipBadRows
      if (skip) {
        const inferred = await run(['dataset', 'infer', file, '--skip-bad-rows', '--json'], ws)
        expect(inferred.code, inferred.stderr).toBe(skip.exit)
        const r = await run([...add(`${id}-skip`), '--skip-bad-rows', '--json'], ws)
        expect(r.code, r.stdout.slice(0, 2000)).toBe(skip.exit)
        if (skip.exit === 0) await checkPublished(`${id}-skip`, r.stdout, skip)
      }
    })
  })

  imports.forEach(({ name, spec }) => {
    it(`${name}: ${spec.about.slice(0, 80)}`, async () => {
      const dir = join(ws, 'corpus', name)
      mkdirSync(dir, { recursive: true })
      const file = await writeInput(spec, dir)
      const out = join(dir, 'catalogue.json')
      const r = await run(['catalogue', 'import', file, '--out', out], ws)
      const want = spec.expect
      expect(r.code, r.stderr).toBe(want.exit)
      for (const e of want.errors ?? []) {
        const line = r.stderr
          .split('\n')
          .find((l) => l.includes(`row ${e.row}, column ${e.column ?? ''}`))
        expect(line, r.stderr).toBeDefined()
        if (e.message) expect(line).toContain(e.message)
      }
      if (want.written !== undefined) expect(existsSync(out)).toBe(want.written)
    })
  })
})
