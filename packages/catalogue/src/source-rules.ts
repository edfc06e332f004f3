import type { EntrySource, SourceCopy } from '@gongkai/schema'

/** A site outside `.gov.cn` that the data counts as a government site, and why. */
export interface GovernmentSite {
  /** Registrable domain, e.g. `npc.cn`; the host itself or any subdomain matches. */
  domain: string
  reason: string
}

/** The copies of a source split into those that count (government sites) and the others. */
export interface CopyCount {
  /** Copies on government sites. */
  counted: SourceCopy[]
  /** Their distinct registrable domains, sorted: two or more make a source national. */
  domains: string[]
  /** Copies elsewhere (mirrors, reprint farms, IP addresses, unreadable URLs): recorded, never counted. */
  other: SourceCopy[]
}

// Second-level labels under `.cn` that are public suffixes themselves (a.com.cn is registrable).
const CN_SECOND_LEVEL = new Set(['gov', 'com', 'net', 'org', 'edu', 'ac', 'mil'])

const hostOf = (url: string): string | undefined => {
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '')
    return host === '' ? undefined : host
  } catch {
    return undefined
  }
}

const isIp = (host: string) => /^\d+(\.\d+){3}$/.test(host) || host.startsWith('[')

/**
 * The registrable domain of a host: `ghzrzyj.cq.gov.cn` → `cq.gov.cn`, `www.tonghai.gov.cn` →
 * `tonghai.gov.cn`, `m.example.com.cn` → `example.com.cn`, `news.example.com` → `example.com`.
 * Two hosts with the same registrable domain are one site.
 */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.')
  if (isIp(host) || labels.length <= 2) return labels.join('.')
  const cnSuffix = labels.at(-1) === 'cn' && CN_SECOND_LEVEL.has(labels.at(-2) as string)
  return labels.slice(cnSuffix ? -3 : -2).join('.')
}

/** The government site a host belongs to (its registrable domain), or undefined for other hosts. */
export function governmentDomain(
  host: string,
  listed: readonly GovernmentSite[] = []
): string | undefined {
  const h = host.toLowerCase().replace(/\.$/, '')
  if (h === 'gov.cn' || h.endsWith('.gov.cn')) return registrableDomain(h)
  const site = listed.find((s) => h === s.domain || h.endsWith(`.${s.domain}`))
  return site?.domain
}

/**
 * Splits copies into government copies (hosts under `.gov.cn`, or listed sites) and the rest.
 * @example countCopies([{ url: 'https://www.a.gov.cn/x', title }, { url: 'https://b.com/x', title }]).domains // ['a.gov.cn']
 */
export function countCopies(
  copies: readonly SourceCopy[],
  listed: readonly GovernmentSite[] = []
): CopyCount {
  const out: CopyCount = { counted: [], domains: [], other: [] }
  const domains = new Set<string>()
  for (const copy of copies) {
    const host = hostOf(copy.url)
    const domain = host === undefined ? undefined : governmentDomain(host, listed)
    if (domain === undefined) out.other.push(copy)
    else {
      out.counted.push(copy)
      domains.add(domain)
    }
  }
  out.domains = [...domains].sort()
  return out
}

/**
 * What is wrong with a source under the sourcing rules, as sentences ([] when it is fine):
 * an `N` source needs copies on at least two government sites with different registrable domains;
 * a `?` source needs a note saying what to verify.
 */
export function sourceProblems(
  source: EntrySource,
  listed: readonly GovernmentSite[] = []
): string[] {
  const problems: string[] = []
  if (source.status === 'N') {
    const { domains } = countCopies(source.copies ?? [], listed)
    if (domains.length < 2)
      problems.push(
        `status N needs copies on two government sites with different registrable domains, has ${domains.length}${domains.length ? ` (${domains.join(', ')})` : ''}`
      )
  }
  if (source.status === '?' && !source.note?.trim())
    problems.push('status ? needs a note saying what to verify')
  return problems
}
