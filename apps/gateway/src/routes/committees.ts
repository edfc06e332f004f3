import { instantiate } from '@gongkai/catalogue'
import type { Hono } from 'hono'
import { getOrganisation } from '../auth/organisations.js'
import { createToken } from '../auth/tokens.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'
import { onlyKeys, optionalString, readJsonObject, requiredString } from '../http/body.js'
import { checkId } from '../http/params.js'
import { sendJson } from '../http/respond.js'
import { requireToken } from '../middleware/auth.js'
import { authorise, organisationAbsent } from '../middleware/authorise.js'
import { idUnavailable, RESERVED_CATALOGUE_IDS } from '../services/reserved-ids.js'

/** Id of the 居务公开 template in @gongkai/catalogues. */
export const COMMITTEE_TEMPLATE = 'residents_committee'

/** `POST /api/v1/committees`: instantiate the 居务公开 template for a committee and issue its token. */
export function committeeRoutes(app: Hono<Env>, deps: GatewayDeps): void {
  deps.routes.add(
    app,
    {
      method: 'post',
      path: '/api/v1/committees',
      summary:
        "Instantiate the 居务公开 template for a residents' committee of an organisation and issue its token (admin)",
      tag: 'committees',
      access: 'admin',
      status: 201,
      body: {
        type: 'object',
        required: ['name'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', description: '居委会名称, e.g. 市光四村第二居委会' },
          street: { type: 'string', description: '街道名称, e.g. 殷行街道' },
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]*$' },
          org: {
            type: 'string',
            description: "the caller's organisation (default; an operator: any)",
          },
        },
      },
    },
    async (c) => {
      const caller = requireToken(c)
      const body = await readJsonObject(c)
      onlyKeys(body, ['name', 'street', 'id', 'org'])
      const org =
        body.org === undefined
          ? caller.org
          : checkId('org', typeof body.org === 'string' ? body.org : String(body.org))
      const admin = authorise(c, 'committee.create', {
        org: (await getOrganisation(deps.store, org))?.id,
        absent: organisationAbsent(org),
      })
      const name = requiredString(body, 'name', 100)
      const street = optionalString(body, 'street', 100) ?? ''
      const id =
        body.id === undefined
          ? undefined
          : checkId('id', typeof body.id === 'string' ? body.id : String(body.id))
      const template = await deps.catalogues.get(COMMITTEE_TEMPLATE)
      // A gateway configured with its own catalogues may lack the 居务公开 template.
      if (!template) {
        throw new ApiError(
          'not_available',
          "the 居务公开 template is not among this instance's catalogues",
          {
            template: COMMITTEE_TEMPLATE,
          }
        )
      }
      const made = instantiate(template.catalogue, { name, values: { 街道名称: street }, id })
      if (!made.ok) {
        throw new ApiError(
          'validation_failed',
          'the committee catalogue could not be made from the template',
          made.errors
        )
      }
      const catalogue = made.value
      c.set('auditTarget', catalogue.id)
      if (RESERVED_CATALOGUE_IDS.has(catalogue.id) || (await deps.catalogues.get(catalogue.id)))
        throw idUnavailable('catalogue', catalogue.id)
      const at = deps.config.now()
      const issued = await deps.store.transaction(async (tx) => {
        // Checked again inside the (serialised) transaction: two creates of one id race otherwise.
        if (await tx.get('SELECT 1 FROM gateway_catalogues WHERE id = ?', [catalogue.id]))
          throw idUnavailable('catalogue', catalogue.id)
        const t = await createToken(tx, {
          org,
          role: 'residents_committee',
          scope: catalogue.id,
          label: name,
          now: at,
        })
        await deps.catalogues.add(tx, catalogue, {
          name,
          at: at.toISOString(),
          tokenId: admin.id,
          org,
        })
        await deps.events.add(
          {
            at: at.toISOString(),
            kind: 'catalogue.created',
            target: `catalogues/${catalogue.id}`,
            title: catalogue.title,
            link: `${deps.config.baseUrl}/api/v1/catalogues/${catalogue.id}`,
            summary: null,
          },
          tx
        )
        return t
      })
      await deps.search.afterWrite(['entry'])
      return sendJson(
        c,
        { catalogue, token: issued.token, tokenId: issued.id },
        {
          status: 201,
          headers: { location: `${deps.config.baseUrl}/api/v1/catalogues/${catalogue.id}` },
        }
      )
    }
  )
}
