import type { CasesConfigInput } from '@gongkai/cases'
import { defaultLayerLevel, type LayerLevel } from '@gongkai/catalogues'
import { DEFAULT_MAX_QUERY_COST } from '@gongkai/open-data'
import type { Catalogue } from '@gongkai/schema'
import { DEFAULT_QUERY_BUDGET_MS, defaultConfig, type Organ, type SiteConfig } from '@gongkai/store'
import type { SmtpConfig } from './services/mail-sender.js'

/**
 * Rate-limit settings: fixed windows counted in the store, so several processes share them. The
 * workspace config's `rateLimit` (defaults in workspace-config.schema.json: 60 000 ms, 600, 60).
 */
export interface RateLimitConfig {
  /** Window length in milliseconds. */
  windowMs: number
  /** Requests per window for reads (GET/HEAD), per token or IP. */
  max: number
  /** Requests per window for writes. */
  writeMax: number
}

/** Configuration of {@link createApp}. */
export interface GatewayConfig {
  /** Public base URL, without trailing slash; IRIs and links hang off it. */
  baseUrl: string
  /** The organisation this instance publishes for. */
  organisation: { id: string; name: string }
  /** Folder of the datastore's version files (downloads are streamed from there). */
  filesDir: string
  /** Largest accepted request body in bytes (default 25 MB). */
  bodyLimitBytes?: number
  /** Longest time to receive a request body, in ms (default 30 s; then 408). */
  bodyTimeoutMs?: number
  /**
   * Dataset uploads as multipart (config `upload`): streamed to a staging file, at most `maxBytes`
   * (default 2 GiB; the JSON body limit does not apply to them), cut after `bodyTimeoutMs` without
   * a byte.
   */
  upload?: { maxBytes?: number }
  /** Rate limits; `false` turns them off (tests of other things, never production). */
  rateLimit?: Partial<RateLimitConfig> | false
  /** Catalogues to serve (default: the bundled ones of @gongkai/catalogues); instantiated ones are added from the store. */
  catalogues?: readonly Catalogue[]
  /**
   * The catalogue layer the workspace works on (its config's `layer`, default `changning-2021`):
   * each field's layer at this level is what the portal shows first and reports on.
   */
  layer?: LayerLevel
  /** Clock (tests). */
  now?: () => Date
  /**
   * Take the client address from the last X-Forwarded-For hop (only behind a proxy you run:
   * `gongkai serve --trust-proxy`); otherwise the header is ignored.
   */
  trustProxy?: boolean
  /** The workspace's organs (config `organs[]`): an officer token's scope names one. */
  organs?: readonly Organ[]
  /** 依申请公开 clock numbers (config `request.*`; defaults 20, 20, 2, 7 working days). */
  request?: CasesConfigInput['request']
  /** 政民互动 message clocks (config `online.*`; defaults 5 and 1 working days). */
  online?: CasesConfigInput['online']
  /** 意见征集 feedback clock (config `participation.*`; default 10 working days). */
  participation?: CasesConfigInput['participation']
  /**
   * The workspace's holiday-cn year files (config `paths.holidays`), read on top of the bundled
   * calendar so the server counts clocks on the same days as the CLI; a file that does not read
   * stops the start.
   */
  holidaysDir?: string
  /**
   * Folder of the annual reports' declared counts and prose (`<year>/<organ>.json`,
   * `<year>/<organ>.{overview,problems,other}.md`; the workspace's `reports/`); none by default.
   */
  reportsDir?: string
  /**
   * Limits of heavy dataset queries (config `query`): `budgetMs` (default 10 000) stops a query
   * and answers 503; `maxCost` (default 50 000 000 row checks, 0 = off) refuses one with 400;
   * filtered totals above `totalEstimationThreshold` (default 10 000, 0 = exact) are estimated.
   */
  query?: { budgetMs?: number; maxCost?: number; totalEstimationThreshold?: number }
  /**
   * Receives one JSON line per request (time, id, method, route pattern, status, ms, bytes; never a
   * path, query string or token); `gongkai serve` writes them to stderr unless `--quiet`.
   */
  requestLog?: (line: string) => void
  /**
   * Working days within which a publisher decides an application for 有条件开放 data (config
   * `openData.conditionalAcceptDays`, default 5).
   */
  conditionalAcceptDays?: number
  /**
   * The workspace's SMTP server (config `reminders.smtp`, the one the reminders use): when set, the
   * token of an approved application is e-mailed to an applicant whose contact is an e-mail address.
   */
  smtp?: SmtpConfig
  /** Site identity (config `site`): the portal's header and footer; `site.organ` names an organ. */
  site?: SiteConfig
  /** Texts of the portal's 政府信息公开 column (config `xxgk`), each Markdown and optional. */
  xxgk?: { guide?: string; rules?: string; proactive?: string }
}

/** {@link GatewayConfig} with every default filled. */
export interface ResolvedConfig
  extends Required<
    Omit<
      GatewayConfig,
      | 'catalogues'
      | 'rateLimit'
      | 'organs'
      | 'request'
      | 'online'
      | 'participation'
      | 'holidaysDir'
      | 'reportsDir'
      | 'query'
      | 'requestLog'
      | 'site'
      | 'xxgk'
      | 'smtp'
      | 'upload'
    >
  > {
  smtp?: SmtpConfig
  upload: { maxBytes: number }
  requestLog?: (line: string) => void
  query: { budgetMs: number; maxCost: number; totalEstimationThreshold: number }
  rateLimit: RateLimitConfig | false
  request?: CasesConfigInput['request']
  online?: CasesConfigInput['online']
  participation?: CasesConfigInput['participation']
  holidaysDir?: string
  reportsDir?: string
  catalogues?: readonly Catalogue[]
  organs: readonly Organ[]
  site: SiteConfig
  xxgk: NonNullable<GatewayConfig['xxgk']>
}

/** Default body limit: 25 MB. */
export const DEFAULT_BODY_LIMIT = 25 * 1024 * 1024

/** Default time to receive a request body: 30 s. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000

/** Fills the defaults of a {@link GatewayConfig}. */
export function resolveConfig(config: GatewayConfig): ResolvedConfig {
  return {
    baseUrl: config.baseUrl.replace(/\/+$/, ''),
    organisation: config.organisation,
    filesDir: config.filesDir,
    bodyLimitBytes: config.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
    bodyTimeoutMs: config.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    upload: { maxBytes: config.upload?.maxBytes ?? defaultConfig().upload.maxBytes },
    rateLimit:
      config.rateLimit === false
        ? false
        : { ...defaultConfig().rateLimit, ...(config.rateLimit ?? {}) },
    catalogues: config.catalogues,
    layer: config.layer ?? defaultLayerLevel,
    now: config.now ?? (() => new Date()),
    trustProxy: config.trustProxy ?? false,
    organs: config.organs ?? [],
    ...(config.request ? { request: config.request } : {}),
    ...(config.online ? { online: config.online } : {}),
    ...(config.participation ? { participation: config.participation } : {}),
    ...(config.holidaysDir ? { holidaysDir: config.holidaysDir } : {}),
    ...(config.reportsDir ? { reportsDir: config.reportsDir } : {}),
    requestLog: config.requestLog,
    query: {
      budgetMs: config.query?.budgetMs ?? DEFAULT_QUERY_BUDGET_MS,
      maxCost: config.query?.maxCost ?? DEFAULT_MAX_QUERY_COST,
      totalEstimationThreshold:
        config.query?.totalEstimationThreshold ?? defaultConfig().query.totalEstimationThreshold,
    },
    conditionalAcceptDays:
      config.conditionalAcceptDays ?? defaultConfig().openData.conditionalAcceptDays,
    site: config.site ?? {},
    xxgk: config.xxgk ?? {},
    ...(config.smtp ? { smtp: config.smtp } : {}),
  }
}
