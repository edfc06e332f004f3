import { badRequest } from './cases-error.js'

/**
 * The request clock's numbers. Workspace config keys `request.replyDays`, `request.extensionDays`,
 * `request.offlineRegistrationDays`, `request.correctionNoticeDays`; they join the one workspace-config
 * schema when the house clean-up lands (until then callers pass this object).
 */
export interface RequestClockConfig {
  /** Working days to reply (条例 Art. 33 ¶1). Default 20. */
  replyDays: number
  /** Longest extension, and the default of `extended.workingDays` (Art. 33 ¶1). Default 20. */
  extensionDays: number
  /** Working days to register an offline request (2021 plan 一(四), domain §15.3). Default 2. */
  offlineRegistrationDays: number
  /** Working days for the one-time correction notice (Art. 30). Default 7. */
  correctionNoticeDays: number
}

/** Clocks of 政民互动 messages (2021 plan 三(二), domain §10.2): workspace config `online.*`. */
export interface OnlineConfig {
  /** Working days to answer a message from the website, 12345 or a 信箱. Default 5. */
  replyDays: number
  /** Working days to answer a simple question. Default 1. */
  simpleReplyDays: number
}

/** Clock of 意见征集 feedback (2021 plan 四(三)): workspace config `participation.*`. */
export interface ParticipationConfig {
  /** Working days after a normative document is issued to publish the consultation's feedback. Default 10. */
  adoptionPublishDays: number
}

/** Configuration of `@gongkai/cases`, shaped like the workspace config. */
export interface CasesConfig {
  request: RequestClockConfig
  online: OnlineConfig
  participation: ParticipationConfig
}

/** What callers may pass: any key may be left out. */
export interface CasesConfigInput {
  request?: Partial<RequestClockConfig>
  online?: Partial<OnlineConfig>
  participation?: Partial<ParticipationConfig>
}

/** The statutory and plan defaults. */
export const DEFAULT_CASES_CONFIG: CasesConfig = Object.freeze({
  request: Object.freeze({
    replyDays: 20,
    extensionDays: 20,
    offlineRegistrationDays: 2,
    correctionNoticeDays: 7,
  }),
  online: Object.freeze({ replyDays: 5, simpleReplyDays: 1 }),
  participation: Object.freeze({ adoptionPublishDays: 10 }),
})

/** Working days a consulted third party or organ has to answer (Art. 32, 34). */
export const CONSULTATION_DAYS = 15

/**
 * Fills defaults and checks every number (integers, replyDays and extensionDays 1–365, the other
 * request keys 0–365, `online.*` and `participation.*` 1–365);
 * throws a `bad_request` `CasesError` naming the key, e.g. `request.replyDays`.
 */
export function resolveCasesConfig(input: CasesConfigInput = {}): CasesConfig {
  const check = (key: string, v: unknown, min: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 365) {
      throw badRequest(key, `an integer ${min}–365`, v)
    }
    return v
  }
  const d = DEFAULT_CASES_CONFIG.request
  const r = input.request ?? {}
  const num = (key: keyof RequestClockConfig, min: number): number =>
    check(`request.${key}`, r[key] ?? d[key], min)
  const on = input.online ?? {}
  const od = DEFAULT_CASES_CONFIG.online
  const pd = DEFAULT_CASES_CONFIG.participation
  return {
    online: {
      replyDays: check('online.replyDays', on.replyDays ?? od.replyDays, 1),
      simpleReplyDays: check('online.simpleReplyDays', on.simpleReplyDays ?? od.simpleReplyDays, 1),
    },
    participation: {
      adoptionPublishDays: check(
        'participation.adoptionPublishDays',
        input.participation?.adoptionPublishDays ?? pd.adoptionPublishDays,
        1
      ),
    },
    request: {
      replyDays: num('replyDays', 1),
      extensionDays: num('extensionDays', 1),
      offlineRegistrationDays: num('offlineRegistrationDays', 0),
      correctionNoticeDays: num('correctionNoticeDays', 0),
    },
  }
}
