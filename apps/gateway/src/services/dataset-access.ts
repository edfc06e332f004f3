import type { DatasetDetail, VersionInfo as DatasetVersionInfo } from '@gongkai/open-data'
import type { Context } from 'hono'
import type { Role } from '../auth/roles.js'
import type { Env, GatewayDeps } from '../deps.js'
import { ApiError } from '../http/api-error.js'

/**
 * A dataset whose metadata may be shown: 404 when absent or `closed` (非开放 is never served, and
 * its existence is not confirmed either).
 */
export async function visibleDataset(deps: GatewayDeps, id: string): Promise<DatasetDetail> {
  const d = await deps.datastore.getDataset(id)
  if (!d || d.openness === 'closed') {
    throw new ApiError('not_found', `dataset "${id}" does not exist`, { dataset: id })
  }
  return d
}

/**
 * Roles of the owning organisation that know a 非开放 dataset exists (they manage it through the
 * write routes); to every other caller it answers like one that does not exist.
 */
export const CLOSED_SEEN_BY: readonly Role[] = ['publisher', 'admin']

/**
 * True when the request may read the rows/files of `d`: 无条件开放 data always; 有条件开放 data with
 * a `conditional_reader` token of the owning organisation granted it, or a `publisher` or `admin`
 * of that organisation; 非开放 data never.
 */
export function mayReadData(c: Context<Env>, d: DatasetDetail): boolean {
  if (d.openness === 'unconditional') return true
  if (d.openness !== 'conditional') return false
  const t = c.get('token')
  if (!t || t.org !== d.descriptor.publisher.id) return false
  if (t.role === 'conditional_reader') return t.grants.includes(d.id)
  return t.role === 'publisher' || t.role === 'admin'
}

/** 403 unless the request may read the rows/files of `d` (ungranted conditional data). */
export function assertReadable(c: Context<Env>, d: DatasetDetail): DatasetDetail {
  if (!mayReadData(c, d)) {
    throw new ApiError(
      'forbidden',
      `dataset "${d.id}" is 有条件开放 (conditional): its data needs a token granted this dataset`,
      {
        dataset: d.id,
        openness: d.openness,
      }
    )
  }
  return d
}

/** A dataset whose data may be read by this request: 404 as above, 403 for ungranted conditional data. */
export async function readableDataset(
  deps: GatewayDeps,
  c: Context<Env>,
  id: string
): Promise<DatasetDetail> {
  return assertReadable(c, await visibleDataset(deps, id))
}

/** The version to serve: `requested` or the current one; 404 when absent, 410 when withdrawn. */
export async function servedVersion(
  deps: GatewayDeps,
  d: DatasetDetail,
  requested?: number
): Promise<DatasetVersionInfo> {
  const versions = await deps.datastore.versions(d.id)
  const n = requested ?? d.currentVersion ?? undefined
  const v = versions.find((x) => x.version === n)
  if (!v)
    throw new ApiError(
      'not_found',
      `dataset "${d.id}" has no published version ${n ?? ''}`.trim(),
      { dataset: d.id, version: n ?? null }
    )
  if (v.status === 'withdrawn') {
    throw new ApiError(
      'gone',
      `version ${v.version} of "${d.id}" was withdrawn: ${v.withdrawnReason ?? ''}`,
      {
        dataset: d.id,
        version: v.version,
        withdrawnAt: v.withdrawnAt ?? null,
        reason: v.withdrawnReason ?? null,
      }
    )
  }
  return v
}
