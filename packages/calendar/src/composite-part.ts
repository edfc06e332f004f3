import type { CompositeTimeLimitPart, TimeLimit } from './time-limit.js'

/**
 * The limit that governs an item of this content kind: for a composite limit, the part whose
 * `appliesTo` names the kind, else the general part (the one without `appliesTo`); any other limit
 * is returned as it is. Undefined when a composite has neither.
 * @example limitForKind(composite, 'administrative_penalty') // the 7-working-day part
 */
export function limitForKind(
  limit: TimeLimit,
  kind: string | undefined
): Exclude<TimeLimit, { type: 'composite' }> | CompositeTimeLimitPart | undefined {
  if (limit.type !== 'composite') return limit
  const parts = limit.parts
  return (
    (kind === undefined ? undefined : parts.find((p) => p.appliesTo?.includes(kind as never))) ??
    parts.find((p) => p.appliesTo === undefined)
  )
}
