import { scanText } from '@gongkai/privacy'
import { CasesError } from './cases-error.js'

/** A text about to be shown to the public, and where it sits (a JSON pointer). */
export interface GuardedText {
  pointer: string
  text: string
}

/**
 * The privacy guard on texts the portal will publish (message questions and answers, opinions,
 * reasons for not adopting): any finding refuses the whole write with `personal_information` (422),
 * `details: [{ pointer, rule, value (masked), override }]`. Refusing rather than masking keeps the
 * officer in charge of the wording the public reads.
 */
export function guardTexts(texts: readonly GuardedText[]): void {
  const findings = texts.flatMap((t) => scanText(t.text, t.pointer))
  if (findings.length === 0) return
  const first = findings[0] as (typeof findings)[number]
  throw new CasesError(
    'personal_information',
    `${first.pointer}: personal information (${first.rule}: ${first.value}) in a text to be published; remove it or leave the text unpublished`,
    findings
  )
}
