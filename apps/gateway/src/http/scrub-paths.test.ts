import { describe, expect, it } from 'vitest'
import { BASE, call, publishDataset, setup } from '../test-support.js'
import { clientFileName, scrubPaths } from './scrub-paths.js'

const BAD_ROW = '编号,名称,区,学生数\r\n1,愚园路小学,长宁,many\r\n'

describe('no server paths in error details', () => {
  it('a bad-row version names the upload, never the server file (JSON and multipart)', async () => {
    const { app, token, dir } = await setup()
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)

    const json = await call(app, 'POST', '/api/v1/datasets/schools/versions', {
      token: publisher,
      json: { csv: BAD_ROW },
    })
    expect(json.status).toBe(422)
    const jsonText = await json.text()
    expect(jsonText).not.toContain(dir)
    expect(jsonText).not.toContain('.uploads')
    const jsonErrors = JSON.parse(jsonText).error.details.errors
    expect(jsonErrors.length).toBeGreaterThan(0)
    expect(jsonErrors[0]).toMatchObject({ row: 2, column: '学生数', file: 'upload.csv' })

    const form = new FormData()
    form.set('csv', new File([BAD_ROW], '学校名录.csv', { type: 'text/csv' }))
    const multipart = await app.request(`${BASE}/api/v1/datasets/schools/versions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${publisher}` },
      body: form,
    })
    expect(multipart.status).toBe(422)
    const text = await multipart.text()
    expect(text).not.toContain(dir)
    const errors = JSON.parse(text).error.details.errors
    expect(errors[0]).toMatchObject({ row: 2, column: '学生数', file: '学校名录.csv' })
  })

  it('replaces paths inside nested strings and keeps everything else', () => {
    const path = '/srv/gk/files/.uploads/ab12.csv'
    const out = scrubPaths(
      { file: path, n: 3, list: [`${path}: row 2`, null], deep: { ok: true } },
      [[path, 'upload.csv']]
    )
    expect(out).toEqual({
      file: 'upload.csv',
      n: 3,
      list: ['upload.csv: row 2', null],
      deep: { ok: true },
    })
  })

  it('keeps only a safe base name of the client file name', () => {
    expect(clientFileName('C:\\Users\\me\\学校.csv')).toBe('学校.csv')
    expect(clientFileName('../../etc/passwd')).toBe('passwd')
    expect(clientFileName('..')).toBe('upload.csv')
    expect(clientFileName(undefined)).toBe('upload.csv')
  })
})
