import { ACCESS_RIGHTS_IRIS, type DatasetDetail, type VersionInfo } from '@gongkai/open-data'
import { labelOf } from '@gongkai/schema'
import { getOrganisation } from '../../auth/organisations.js'
import type { GatewayDeps } from '../../deps.js'
import { datasetLinks } from '../../services/dataset-views.js'

/** Formats of a dataset's resources, in `resources[]` order (the CSV one is the datastore table). */
export const RESOURCE_FORMATS = ['CSV', 'JSON', 'NDJSON', 'JSON-LD'] as const

/**
 * A CKAN group for a dataset's 领域 (`field`): groups are CKAN's themes, and the field is ours.
 * The name is the field code, the title its Chinese label.
 */
export function groupOf(field: string) {
  const title = labelOf('fields', field) ?? field
  return {
    id: field,
    name: field,
    title,
    display_name: title,
    description: '',
    image_display_url: '',
    type: 'group',
    is_organization: false,
    state: 'active',
    approval_status: 'approved',
  }
}

/** The organization dict of a publisher (as `organization_show` without members). */
export function organizationOf(id: string, title: string, created: string | null = null) {
  return {
    id,
    name: id,
    title,
    display_name: title,
    type: 'organization',
    is_organization: true,
    state: 'active',
    approval_status: 'approved',
    description: '',
    image_url: '',
    image_display_url: '',
    created,
  }
}

/** The resources of a dataset: the CSV (the datastore table, resource id = dataset id) and the other downloads. */
export function resourcesOf(deps: GatewayDeps, d: DatasetDetail, v: VersionInfo | undefined) {
  const links = datasetLinks(deps, d.id)
  const files = v?.files ?? []
  const size = (f: string) => files.find((x) => x.format === f)?.bytes ?? null
  const created = v?.publishedAt ?? d.updatedAt
  // 有条件开放 files answer 403 without a grant: their resources point at the dataset page, where
  // the conditions and the application form are, instead of advertising a URL that refuses.
  const page = `${deps.config.baseUrl}/datasets/${encodeURIComponent(d.id)}`
  const restricted = d.openness === 'conditional'
  const rows = [
    {
      id: d.id,
      format: 'CSV',
      mimetype: 'text/csv',
      url: restricted ? page : links.csv,
      size: size('csv'),
      datastore_active: true,
    },
    {
      id: `${d.id}.json`,
      format: 'JSON',
      mimetype: 'application/json',
      url: restricted ? page : links.json,
      size: size('json'),
      datastore_active: false,
    },
    {
      id: `${d.id}.ndjson`,
      format: 'NDJSON',
      mimetype: 'application/x-ndjson',
      url: restricted ? page : links.ndjson,
      size: size('ndjson'),
      datastore_active: false,
    },
    {
      id: `${d.id}.jsonld`,
      format: 'JSON-LD',
      mimetype: 'application/ld+json',
      url: links.jsonld,
      size: null,
      datastore_active: false,
    },
  ]
  return rows.map((r, position) => ({
    ...r,
    name: `${d.title} (${r.format})`,
    package_id: d.id,
    position,
    state: 'active',
    created,
    last_modified: created,
    metadata_modified: d.updatedAt,
    description: '',
    hash: '',
    url_type: null,
    resource_type: null,
  }))
}

/** The version the package dict describes (the current one). */
export async function currentVersion(deps: GatewayDeps, d: DatasetDetail) {
  const versions = await deps.datastore.versions(d.id)
  return { versions, current: versions.find((v) => v.version === d.currentVersion) }
}

/**
 * A dataset as CKAN's `package_show` dict. `id` and `name` are both the dataset id (ours are
 * stable, URL-safe names), so `package_show?id=` takes either. The 开放属性 (openness class) is an
 * extra and the `openness` search field; 有条件开放 metadata is public, so `private` is false.
 */
export async function packageDict(deps: GatewayDeps, d: DatasetDetail) {
  const { versions, current } = await currentVersion(deps, d)
  const first = versions[0]
  const x = d.descriptor
  const tags = [...new Set(x.keywords ?? [])].map((name) => ({
    id: name,
    name,
    display_name: name,
    state: 'active',
    vocabulary_id: null,
  }))
  const extras: { key: string; value: string }[] = [
    { key: 'openness', value: d.openness },
    { key: 'access_rights', value: ACCESS_RIGHTS_IRIS[d.openness] ?? '' },
  ]
  if (d.openness === 'conditional')
    extras.push({
      key: 'access_conditions',
      value: x.accessConditions ?? '有条件开放：数据须申请，获批后凭令牌读取',
    })
  if (x.field) extras.push({ key: 'field', value: x.field })
  if (x.updateFrequency) extras.push({ key: 'update_frequency', value: x.updateFrequency })
  if (d.currentVersion !== null)
    extras.push({ key: 'version_number', value: String(d.currentVersion) })
  const resources = resourcesOf(deps, d, current)
  // The organisation's registered name, as organization_show gives it; the descriptor's otherwise.
  const org = await getOrganisation(deps.store, x.publisher.id)
  return {
    id: d.id,
    name: d.id,
    title: d.title,
    notes: x.description,
    type: 'dataset',
    state: 'active',
    private: false,
    isopen: d.openness === 'unconditional',
    license_id: x.license,
    license_title: x.license,
    license_url: /^https?:/.test(x.license) ? x.license : null,
    url: x.landingPage ?? `${deps.config.baseUrl}/datasets/${d.id}`,
    version: x.version ?? (d.currentVersion === null ? null : String(d.currentVersion)),
    author: x.publisher.name,
    author_email: null,
    maintainer: x.contact?.name ?? null,
    maintainer_email: x.contact?.email ?? null,
    metadata_created: x.issued ?? first?.publishedAt ?? d.updatedAt,
    metadata_modified: d.updatedAt,
    creator_user_id: null,
    owner_org: x.publisher.id,
    organization: organizationOf(
      x.publisher.id,
      org?.name ?? x.publisher.name,
      org?.createdAt ?? null
    ),
    tags,
    num_tags: tags.length,
    groups: x.field ? [groupOf(x.field)] : [],
    resources,
    num_resources: resources.length,
    extras,
    relationships_as_object: [],
    relationships_as_subject: [],
  }
}
