import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ApiError, ERROR_CODES, errorBody } from './api-error.js'

/** The README's error table: code → statuses. */
function readmeCodes(): Record<string, number[]> {
  const text = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const lines = text.split('\n')
  const start = lines.findIndex((l) => l.startsWith('| code | HTTP status |'))
  const out: Record<string, number[]> = {}
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break
    const [code = '', status = ''] = line
      .split('|')
      .slice(1, 3)
      .map((c) => c.trim())
    out[code.replace(/`/g, '')] = status.split(',').map((s) => Number(s.trim()))
  }
  return out
}

describe('error codes', () => {
  it('are one list: the README table equals ERROR_CODES, statuses included', () => {
    expect(readmeCodes()).toEqual(
      Object.fromEntries(Object.entries(ERROR_CODES).map(([k, v]) => [k, [...v]]))
    )
  })

  it('include every code the shared contracts name', () => {
    for (const code of [
      'personal_information',
      'impossible_history',
      'id_unavailable',
      'publish_in_progress',
      'query_too_expensive',
      'store_unreachable',
      'store_in_transaction',
      'schema_outdated',
      'schema_newer',
    ])
      expect(Object.keys(ERROR_CODES)).toContain(code)
  })

  it('answer with the default status, or another one the code allows', () => {
    expect(new ApiError('id_unavailable', 'x').status).toBe(409)
    expect(new ApiError('query_too_expensive', 'x').status).toBe(400)
    expect(new ApiError('query_too_expensive', 'x', null, { 'retry-after': '5' }, 503).status).toBe(
      503
    )
    expect(errorBody('gone', 'm', { a: 1 })).toEqual({
      error: { code: 'gone', message: 'm', details: { a: 1 } },
    })
  })
})
