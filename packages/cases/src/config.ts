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

/** Configuration of `@gongkai/cases`, shaped like the workspace config. */
export interface CasesConfig {
  request: RequestClockConfig
}

/** What callers may pass: any key may be left out. */
export interface CasesConfigInput {
  request?: Partial<RequestClockConfig>
}

/** The statutory and plan defaults. */
export const DEFAULT_CASES_CONFIG: CasesConfig = Object.freeze({
  request: Object.freeze({
    replyDays: 20,
    extensionDays: 20,
    offlineRegistrationDays: 2,
    correctionNoticeDays: 7,
  }),
})

/** Working days a consulted third party or organ has to answer (Art. 32, 34). */
export const CONSULTATION_DAYS = 15

/**
 * Fills defaults and checks every number (integers, replyDays and extensionDays 1–365, the others 0–365);
 * throws a `bad_request` `CasesError` naming the key, e.g. `request.replyDays`.
 */
export function resolveCasesConfig(input: CasesConfigInput = {}): CasesConfig {
  const d = DEFAULT_CASES_CONFIG.request
  const r = input.request ?? {}
  const num = (key: keyof RequestClockConfig, min: number): number => {
    const v = r[key] ?? d[key]
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 365) {
      throw badRequest(`request.${key}`, `an integer ${min}–365`, v)
    }
    return v
  }
  return {
    request: {
      replyDays: num('replyDays', 1),
      extensionDays: num('extensionDays', 1),
      offlineRegistrationDays: num('offlineRegistrationDays', 0),
      correctionNoticeDays: num('correctionNoticeDays', 0),
    },
  }
}
