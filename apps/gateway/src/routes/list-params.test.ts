import { describe, expect, it } from 'vitest'
import { call, publishDataset, setup } from '../test-support.js'

const enc = encodeURIComponent

describe('list endpoints refuse parameter values nothing can match', () => {
  it('400 naming the parameter (and the allowed values of an enum) on every list', async () => {
    const { app, token } = await setup()
    const publisher = await token({ role: 'publisher' })
    expect((await publishDataset(app, publisher)).status).toBe(201)
    const cases: { path: string; parameter: string; allowed?: string }[] = [
      { path: '/api/v1/catalogues?kind=bogus', parameter: 'kind', allowed: 'residents_committee' },
      {
        path: '/api/v1/catalogues?field=bogus',
        parameter: 'field',
        allowed: 'compulsory_education',
      },
      { path: '/api/v1/catalogues?sector=bogus', parameter: 'sector' },
      { path: '/api/v1/catalogues?limit=0', parameter: 'limit' },
      { path: '/api/v1/catalogues?limit=abc', parameter: 'limit' },
      { path: '/api/v1/catalogues?cursor=bogus!', parameter: 'cursor' },
      { path: '/api/v1/datasets?openness=closed', parameter: 'openness', allowed: 'conditional' },
      { path: '/api/v1/datasets?field=bogus', parameter: 'field', allowed: 'compulsory_education' },
      { path: '/api/v1/datasets?publisher=..', parameter: 'publisher' },
      { path: '/api/v1/datasets?limit=501', parameter: 'limit' },
      { path: '/api/v1/datasets?cursor=e30', parameter: 'cursor' },
      { path: '/api/v1/datasets/schools/rows?sort=bogus', parameter: 'sort' },
      { path: '/api/v1/datasets/schools/rows?version=x', parameter: 'version' },
      { path: '/api/v1/datasets/schools/rows?offset=-1', parameter: 'offset' },
      {
        path: `/api/v1/datasets/schools/rows?${enc('学生数[gte]')}=many`,
        parameter: '学生数[gte]',
      },
      { path: '/api/v1/content?from=2021-02-30', parameter: 'from' },
      { path: '/api/v1/content?from=2021-07-01&to=2021-06-01', parameter: 'to' },
      { path: '/api/v1/content?to=yesterday', parameter: 'to' },
      { path: '/catalog.jsonld?page=0', parameter: 'page' },
    ]
    for (const { path, parameter, allowed } of cases) {
      const r = await call(app, 'GET', path)
      const body = await r.json()
      expect({ path, status: r.status }).toEqual({ path, status: 400 })
      expect({ path, parameter: body.error.details.parameter }).toEqual({ path, parameter })
      expect(body.error.message).toContain(parameter)
      if (allowed) {
        expect(body.error.details.allowed).toContain(allowed)
        expect(body.error.message).toContain(allowed)
      }
    }
    // The same parameters with valid values answer.
    for (const path of [
      '/api/v1/catalogues?kind=standard&field=compulsory_education&limit=5',
      '/api/v1/datasets?openness=unconditional&field=compulsory_education&publisher=demo-district',
      `/api/v1/datasets/schools/rows?sort=-${enc('学生数')}&${enc('学生数[gte]')}=900`,
      '/api/v1/content?from=2021-01-01&to=2021-12-31',
    ]) {
      const r = await call(app, 'GET', path)
      expect({ path, status: r.status }).toEqual({ path, status: 200 })
    }
  })

  it('CKAN refuses a facet.limit that is not a number', async () => {
    const { app } = await setup()
    const r = await call(app, 'GET', '/api/3/action/package_search?facet.limit=many')
    expect(r.status).toBe(409)
    const body = await r.json()
    expect(body.success).toBe(false)
    expect(Object.keys(body.error)).toContain('facet.limit')
    const unlimited = await call(app, 'GET', '/api/3/action/package_search?facet.limit=-1')
    expect(unlimited.status).toBe(200)
  })
})
