import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvParser, parseCsv } from './csv-parser.js'

describe('CsvParser', () => {
  it('handles CRLF, LF, CR, quoted delimiters, newlines and doubled quotes', () => {
    const text = 'a,b\r\n"x, y","line1\r\nline2"\n"say ""hi""",\r3,4'
    expect(parseCsv(text)).toEqual([
      ['a', 'b'],
      ['x, y', 'line1\r\nline2'],
      ['say "hi"', ''],
      ['3', '4'],
    ])
  })

  it('tells a blank line from a quoted empty field', () => {
    expect(parseCsv('a\n\n""\n\r\nb')).toEqual([['a'], [], [''], [], ['b']])
  })

  it('keeps ragged rows as they are', () => {
    expect(parseCsv('a,b,c\n1,2\n1,2,3,4\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2'],
      ['1', '2', '3', '4'],
    ])
  })

  it('recovers from an unclosed quote and from text after a closing quote, recording issues', () => {
    const p = new CsvParser(',')
    const rows = [...p.push('a,b\n"x"y,2\n"open,3\n'), ...p.end()]
    expect(rows[1]).toEqual(['xy', '2'])
    expect(rows[2]).toEqual(['open,3\n'])
    expect(p.issues.map((i) => [i.record, i.line])).toEqual([
      [2, 2],
      [3, 3],
    ])
  })

  it('gives the same records however the text is split into chunks', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '招', ',', '"', '\n', '\r', ' ', '1'),
      maxLength: 6,
    })
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (rows, cuts) => {
          const quote = (s: string) =>
            /[",\r\n]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s
          const text = rows.map((r) => r.map(quote).join(',')).join('\r\n')
          const p = new CsvParser(',')
          const out: string[][] = []
          let at = 0
          for (const c of [...cuts.map((x) => x % (text.length + 1))].sort((a, b) => a - b)) {
            out.push(...p.push(text.slice(at, c)))
            at = c
          }
          out.push(...p.push(text.slice(at)), ...p.end())
          expect(out).toEqual(rows)
          expect(p.issues).toEqual([])
        }
      )
    )
  })
})

/**
 * A plain character-by-character reading of the lenient rules the parser documents, to check its
 * fast path (whole lines split natively) against: quotes inside an unquoted field are text, text
 * after a closing quote is kept, CRLF, LF and a lone CR end a record, a blank line is `[]`.
 */
function readByRules(s: string): string[][] {
  const rows: string[][] = []
  const n = s.length
  const ends = (c: string | undefined) => c === ',' || c === '\n' || c === '\r'
  let i = 0
  while (i < n) {
    const cells: string[] = []
    const quotedStart = s[i] === '"'
    for (;;) {
      let v = ''
      if (s[i] === '"') {
        i++
        while (i < n) {
          if (s[i] === '"') {
            if (s[i + 1] === '"') {
              v += '"'
              i += 2
              continue
            }
            i++
            break
          }
          v += s[i++]
        }
      }
      while (i < n && !ends(s[i])) v += s[i++]
      cells.push(v)
      if (i >= n) break
      if (s[i] === ',') {
        i++
        continue
      }
      i += s[i] === '\r' && s[i + 1] === '\n' ? 2 : 1
      break
    }
    rows.push(cells.length === 1 && cells[0] === '' && !quotedStart ? [] : cells)
  }
  return rows
}

describe('CsvParser on any text', () => {
  const text = fc.string({
    unit: fc.constantFrom('a', '招', ',', '"', '\n', '\r', '\r\n', ' ', '1'),
    maxLength: 40,
  })

  it('reads any text as the rules say, whole and in chunks', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat(), { maxLength: 5 }), (s, cuts) => {
        const expected = readByRules(s)
        expect(parseCsv(s)).toEqual(expected)
        const p = new CsvParser(',')
        const out: string[][] = []
        let at = 0
        for (const c of cuts.map((x) => x % (s.length + 1)).sort((a, b) => a - b)) {
          out.push(...p.push(s.slice(at, c)))
          at = c
        }
        out.push(...p.push(s.slice(at)), ...p.end())
        expect(out).toEqual(expected)
      }),
      { numRuns: 2000 }
    )
  })

  it('gives repeated values back unchanged, however many rows repeat them', () => {
    const lines = ['id,街道,类别']
    for (let r = 1; r <= 5000; r++)
      lines.push(`${r},${r % 3 === 0 ? '华阳路街道' : '江苏路街道'},行政许可`)
    const rows = parseCsv(lines.join('\r\n'))
    expect(rows).toHaveLength(5001)
    rows.slice(1).forEach((row, i) => {
      expect(row).toEqual([
        String(i + 1),
        (i + 1) % 3 === 0 ? '华阳路街道' : '江苏路街道',
        '行政许可',
      ])
    })
  })
})

describe('record lines and issues', () => {
  it('gives the start line of each record, quoted line breaks and blank lines included', () => {
    const p = new CsvParser(',')
    const lines: number[] = []
    const rows = [...p.push('h1,h2\r\n"a\r\nb",1\n\n"c\rd\ne",2\r\n', lines), ...p.end(lines)]
    expect(rows).toEqual([['h1', 'h2'], ['a\r\nb', '1'], [], ['c\rd\ne', '2']])
    expect(lines).toEqual([1, 2, 4, 5])
  })

  it('gives the same lines however the text is split into chunks', () => {
    const text = 'a,b\n"x\ny",1\r\n\r\n"p""q",2\nlast,3'
    const whole: number[] = []
    const p = new CsvParser(',')
    p.push(text, whole)
    p.end(whole)
    for (let cut = 0; cut <= text.length; cut++) {
      const q = new CsvParser(',')
      const lines: number[] = []
      q.push(text.slice(0, cut), lines)
      q.push(text.slice(cut), lines)
      q.end(lines)
      expect(lines).toEqual(whole)
    }
    expect(whole).toEqual([1, 2, 4, 5, 6])
  })

  it('records an issue once, with record and line, when its record is cut by a chunk', () => {
    const p = new CsvParser(',')
    p.push('a,b\n"x\nz"y,')
    expect(p.issues).toEqual([])
    const rows = [...p.push('2\n'), ...p.end()]
    expect(rows).toEqual([['x\nzy', '2']])
    expect(p.issues).toEqual([
      { record: 2, line: 2, rule: 'quote', message: 'text follows a closing quote inside a field' },
    ])
  })
})

describe('parseCsv', () => {
  it('drops a leading byte-order mark, takes a delimiter and reports issues', () => {
    const issues: unknown[] = []
    const rows = parseCsv('\uFEFF名称;地址\n"甲";"乙\n', {
      delimiter: ';',
      onIssue: (i) => issues.push(i),
    })
    expect(rows).toEqual([
      ['名称', '地址'],
      ['甲', '乙\n'],
    ])
    expect(issues).toEqual([
      {
        record: 2,
        line: 2,
        rule: 'quote',
        message: 'a quoted field is not closed before the end of the file',
      },
    ])
  })
})
