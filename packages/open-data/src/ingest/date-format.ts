import { isCalendarDate } from '@gongkai/text'

/** Year, month, day (and time parts) read from a date or datetime cell. */
export interface DateParts {
  y: number
  m: number
  d: number
  H?: number
  M?: number
  S?: number
  /** Fractional seconds as written, without the dot. */
  f?: string
  /** `Z` or `+08:00`, as normalised. */
  z?: string
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))

/** Normalised ISO text of parts: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[.f][zone]` when `withTime`. */
export function formatParts(p: DateParts, withTime: boolean): string {
  const date = `${String(p.y).padStart(4, '0')}-${pad2(p.m)}-${pad2(p.d)}`
  if (!withTime) return date
  const frac = p.f ? `.${p.f}` : ''
  return `${date}T${pad2(p.H ?? 0)}:${pad2(p.M ?? 0)}:${pad2(p.S ?? 0)}${frac}${p.z ?? ''}`
}

/** Checks ranges of the time parts. */
function validTime(p: DateParts): boolean {
  return (p.H ?? 0) <= 23 && (p.M ?? 0) <= 59 && (p.S ?? 0) <= 60
}

const ZONE = '(Z|[+-]\\d{2}:?\\d{2})?'

/** Parses `YYYY-MM-DD`. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
/** ISO datetime with `T` (or a space, which Excel exports), optional seconds, fraction and zone. */
const ISO_DATETIME = new RegExp(
  `^(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?${ZONE}$`
)
/** Date spellings accepted by format `any`: 2021-04-14, 2021/4/14, 2021.4.14, 2021年4月14日, 20210414. */
export const ANY_DATE =
  /^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))$/

function zone(z: string | undefined): string | undefined {
  if (!z || z === 'Z') return z
  return z.includes(':') ? z : `${z.slice(0, 3)}:${z.slice(3)}`
}

/** Reads a date with format `default` (YYYY-MM-DD) or `any`; undefined when it is not one. */
export function parseDate(s: string, format: 'default' | 'any'): DateParts | undefined {
  let y: number
  let m: number
  let d: number
  if (format === 'default') {
    const r = ISO_DATE.exec(s)
    if (!r) return undefined
    y = +(r[1] as string)
    m = +(r[2] as string)
    d = +(r[3] as string)
  } else {
    const r = ANY_DATE.exec(s)
    if (!r) return undefined
    y = +(r[1] as string)
    m = +((r[2] ?? r[4] ?? r[6]) as string)
    d = +((r[3] ?? r[5] ?? r[7]) as string)
  }
  return isCalendarDate(y, m, d) ? { y, m, d } : undefined
}

/** Reads an ISO datetime (format `default` or `any`). */
export function parseDateTime(s: string): DateParts | undefined {
  const r = ISO_DATETIME.exec(s)
  if (!r) return undefined
  const p: DateParts = {
    y: +(r[1] as string),
    m: +(r[2] as string),
    d: +(r[3] as string),
    H: +(r[4] as string),
    M: +(r[5] as string),
    S: r[6] ? +r[6] : 0,
    f: r[7],
    z: zone(r[8]),
  }
  return isCalendarDate(p.y, p.m, p.d) && validTime(p) ? p : undefined
}

const DIRECTIVES: Record<string, string> = {
  Y: '(?<Y>\\d{4})',
  y: '(?<y>\\d{2})',
  m: '(?<m>\\d{1,2})',
  d: '(?<d>\\d{1,2})',
  H: '(?<H>\\d{1,2})',
  M: '(?<M>\\d{2})',
  S: '(?<S>\\d{2})',
  f: '(?<f>\\d{1,9})',
  z: '(?<z>Z|[+-]\\d{2}:?\\d{2})',
  '%': '%',
}

/**
 * Compiles a strptime-style pattern (`%Y/%m/%d`, `%Y年%m月%d日 %H:%M`) into a parser; undefined
 * when it uses a directive other than %Y %y %m %d %H %M %S %f %z %%.
 */
export function compileStrptime(
  pattern: string
): ((s: string) => DateParts | undefined) | undefined {
  let src = '^'
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '%') {
      const dir = DIRECTIVES[pattern[i + 1] ?? '']
      if (!dir) return undefined
      src += dir
      i++
    } else {
      src += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    }
  }
  const re = new RegExp(`${src}$`)
  return (s) => {
    const g = re.exec(s)?.groups
    if (!g) return undefined
    const y = g.Y ? +g.Y : g.y ? 2000 + +g.y - (+g.y > 68 ? 100 : 0) : Number.NaN
    const p: DateParts = {
      y,
      m: g.m ? +g.m : 1,
      d: g.d ? +g.d : 1,
      H: g.H ? +g.H : undefined,
      M: g.M ? +g.M : undefined,
      S: g.S ? +g.S : undefined,
      f: g.f,
      z: zone(g.z),
    }
    return Number.isFinite(y) && isCalendarDate(p.y, p.m, p.d) && validTime(p) ? p : undefined
  }
}
