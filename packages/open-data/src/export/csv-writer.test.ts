import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parseCsv } from '@gongkai/text'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { writeCsv } from './csv-writer.js'

const dir = mkdtempSync(join(tmpdir(), 'gk-csv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function toText(
  rows: Iterable<readonly unknown[]> | AsyncIterable<readonly unknown[]>,
  header: string[],
  bom = false
) {
  const file = join(dir, `t-${Math.random().toString(36).slice(2)}.csv`)
  const result = await writeCsv(rows, header, file, { bom })
  const bytes = readFileSync(file)
  return { result, bytes, text: bytes.toString('utf8') }
}

describe('writeCsv', () => {
  it('writes a device path such as /dev/null in place, never renaming a file over it', async () => {
    const r = await writeCsv([[1, 'a']], ['id', 'x'], '/dev/null')
    expect(r).toEqual({ bytes: 11, rows: 1 })
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true)
  })

  it('writes a header, CRLF line ends, an optional BOM and counts bytes and rows', async () => {
    const rows = [
      [1, '张三', 3.5, true, null, '2024-01-31'],
      [2, '李,四', -1, false, '引号"', '2024-02-29'],
    ]
    const header = ['id', '姓名', 'score', 'ok', 'note', 'date']
    const plain = await toText(rows, header)
    expect(plain.text).toBe(
      'id,姓名,score,ok,note,date\r\n1,张三,3.5,true,,2024-01-31\r\n2,"李,四",-1,false,"引号""",2024-02-29\r\n'
    )
    expect(plain.result).toEqual({ bytes: plain.bytes.length, rows: 2 })
    const bom = await toText(rows, header, true)
    expect([...bom.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bom.bytes.subarray(3).equals(plain.bytes)).toBe(true)
    expect(bom.result.bytes).toBe(plain.bytes.length + 3)
  })

  it('pads short rows and cuts long ones to the header width', async () => {
    const { text } = await toText([[1], [1, 2, 3, 4]], ['a', 'b', 'c'])
    expect(text).toBe('a,b,c\r\n1,,\r\n1,2,3\r\n')
  })

  it('quotes a lone empty field so the row is not an empty line', async () => {
    const { text } = await toText([[''], [null], ['x']], ['only'])
    expect(text).toBe('only\r\n""\r\n""\r\nx\r\n')
    expect(parseCsv(text)).toEqual([['only'], [''], [''], ['x']])
  })

  it('streams async iterables larger than one buffer and leaves no temporary file', async () => {
    async function* gen() {
      for (let i = 0; i < 20000; i++) yield [i, `行 ${i}`, i % 7 === 0 ? 'a "q", b' : 'x']
    }
    const { text, result } = await toText(gen(), ['n', 'label', 'v'])
    expect(result.rows).toBe(20000)
    const [header, ...parsed] = parseCsv(text)
    expect(header).toEqual(['n', 'label', 'v'])
    expect(parsed).toHaveLength(20000)
    expect(parsed[7]).toEqual(['7', '行 7', 'a "q", b'])
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('writes to a stream it does not own, leaves it open and waits for drain', async () => {
    const chunks: Buffer[] = []
    let writesWhileFull = 0
    let drains = 0
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, callback) {
        chunks.push(chunk)
        setImmediate(callback)
      },
    })
    out.on('drain', () => drains++)
    const write = out.write.bind(out)
    out.write = ((chunk: Buffer) => {
      if (out.writableNeedDrain) writesWhileFull++
      return write(chunk)
    }) as typeof out.write
    const rows = Array.from({ length: 30000 }, (_, i) => [i, '数据'])
    const result = await writeCsv(rows, ['i', 's'], out)
    await new Promise((resolve) => setImmediate(resolve))
    expect(drains).toBeGreaterThan(0)
    expect(writesWhileFull).toBe(0)
    expect(out.writableEnded).toBe(false)
    const all = Buffer.concat(chunks)
    expect(result).toEqual({ bytes: all.length, rows: 30000 })
    expect(all.toString('utf8').split('\r\n')).toHaveLength(30002)
  })

  it('round-trips any rows through parseCsv (property)', async () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.constantFrom(
        'a"b',
        'x,y',
        'l1\nl2',
        'l1\r\nl2',
        '\r',
        ' lead',
        'trail ',
        '张三',
        '😀,"😀"',
        ''
      ),
      fc.integer().map(String)
    )
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 5 })
          .chain((w) =>
            fc.array(fc.array(cell, { minLength: w, maxLength: w }), { maxLength: 20 })
          ),
        async (rows) => {
          const width = rows[0]?.length ?? 1
          const header = Array.from({ length: width }, (_, i) => `列${i}`)
          const { text } = await toText(rows, header)
          const parsed = parseCsv(text)
          expect(parsed[0]).toEqual(header)
          expect(parsed.slice(1)).toEqual(rows)
        }
      ),
      { numRuns: 150 }
    )
  })
})
