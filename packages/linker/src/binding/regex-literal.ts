/**
 * The longest run of literal text every match of `pattern` must contain, or undefined when there
 * is none to rely on (top-level alternation, only classes). Lets rules be indexed by that text
 * instead of running every regex on every item.
 * @example requiredLiteral('^长教〔\\d{4}〕\\d+号$') // '长教〔'
 */
export function requiredLiteral(pattern: string): string | undefined {
  const runs: string[] = []
  let run = ''
  const endRun = () => {
    if (run) runs.push(run)
    run = ''
  }
  let depth = 0
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string
    if (c === '|' && depth === 0) return undefined
    if (c === '(') {
      // Group contents may be optional or alternatives: not relied on.
      endRun()
      depth++
      continue
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1)
      continue
    }
    if (depth > 0) {
      if (c === '\\') i++
      continue
    }
    if (c === '[') {
      endRun()
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1
      continue
    }
    if (c === '?' || c === '*' || (c === '{' && /^\{0[,}]/.test(pattern.slice(i)))) {
      // The previous character is optional.
      run = run.slice(0, -1)
      endRun()
      if (c === '{') while (i < pattern.length && pattern[i] !== '}') i++
      continue
    }
    if (c === '+' || c === '{') {
      endRun()
      if (c === '{') while (i < pattern.length && pattern[i] !== '}') i++
      continue
    }
    if (c === '.' || c === '^' || c === '$') {
      endRun()
      continue
    }
    if (c === '\\') {
      const n = pattern[i + 1]
      i++
      if (n !== undefined && /[.*+?^${}()|[\]\\/-]/.test(n)) run += n
      else endRun()
      continue
    }
    run += c
  }
  endRun()
  let best: string | undefined
  for (const r of runs) if (!best || r.length > best.length) best = r
  return best
}
