/**
 * One strict CSP for every answer: our own scripts, styles and images only, never framed. It suits
 * the HTML pages and costs nothing on JSON, so no answer needs its Content-Type inspected.
 */
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

/** Security headers of every answer (the gate adds them; prebuilt answers carry them already). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'content-security-policy': CSP,
})
