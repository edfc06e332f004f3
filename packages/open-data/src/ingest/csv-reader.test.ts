import { describe, expect, it } from 'vitest'
import { openSource } from './open-source.js'
import type { RowBatch } from './table-source.js'
import { tempDir, writeTemp } from './test-files.js'

const dir = tempDir('od-csv-')

async function read(name: string, bytes: string | Buffer) {
  const opened = await openSource(writeTemp(dir, name, bytes))
  if (!opened.ok) throw new Error(JSON.stringify(opened.errors))
  const batches: RowBatch[] = []
  for await (const b of opened.source.batches) batches.push(b)
  return { source: opened.source, batches }
}

describe('openCsv', () => {
  it('reads blank lines of a one-column file as empty values, but not trailing ones', async () => {
    const { source, batches } = await read('one.csv', '名称\n甲\n\n乙\n\n\n')
    expect(batches).toEqual([{ firstRow: 2, records: [['甲'], [''], ['乙']] }])
    expect(source.account.blank).toEqual({ count: 2, rows: [5, 6] })
  })

  it('skips and lists blank lines of a wider file, keeping batches consecutively numbered', async () => {
    const { source, batches } = await read('blank.csv', 'a,b\n1,2\n\n3,4\n')
    expect(batches).toEqual([
      { firstRow: 2, records: [['1', '2']] },
      { firstRow: 4, records: [['3', '4']] },
    ])
    expect(source.account.blank).toEqual({ count: 1, rows: [3] })
  })

  it('lists records made of several lines with the lines they take', async () => {
    const { source } = await read('merged.csv', 'a,b\n1,"x\ny"\n2,z\n')
    expect(source.account.merged).toEqual({ count: 1, rows: [{ row: 2, lines: [2, 3] }] })
  })

  it('reports ragged rows (a trailing empty cell is tolerated) and bytes at their column', async () => {
    const bytes = Buffer.concat([
      Buffer.from('名称,数量\n甲,1,\n乙\n丙丙'),
      Buffer.from([0xff]),
      Buffer.from(',3\n'),
    ])
    const { source } = await read('issues.csv', bytes)
    expect(source.issues.map((e) => [e.row, e.column, e.rule])).toEqual([
      [3, undefined, 'ragged'],
      [4, '名称', 'encoding'],
    ])
    expect(source.issues[1]?.value).toBe('丙丙\uFFFD')
  })

  it('refuses a header with bytes the encoding rejects', async () => {
    const opened = await openSource(
      writeTemp(dir, 'head.csv', Buffer.concat([Buffer.from('名称,数'), Buffer.from([0xff, 0x0a])]))
    )
    expect(opened.ok).toBe(false)
    if (!opened.ok)
      expect(opened.errors[0]).toMatchObject({ row: 1, column: '#2', rule: 'encoding' })
  })
})
