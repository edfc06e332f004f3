import { synonymGroups } from '@gongkai/catalogue'
import { normalise } from './normalise.js'
import { type GramKey, keysOfRun, runsOf } from './tokens.js'

/** One way to say a concept: the normalised text, its index keys and how much a match counts. */
export interface Alternative {
  text: string
  keys: GramKey[]
  weight: number
  /** Where it came from: the query itself, an everyday-name synonym, or a typo correction. */
  origin: 'query' | 'synonym' | 'correction'
}

/** A part of the query that a result should match, in any of its alternatives. */
export interface Concept {
  /** The part as typed (normalised). */
  text: string
  alternatives: Alternative[]
}

/** A parsed query. */
export interface ParsedQuery {
  /** The normalised query. */
  normalised: string
  concepts: Concept[]
}

// Words of question forms and filler that name no matter: 怎么申请低保 asks about 申请 + 低保.
// Longest first, so 怎么样 goes before 怎么.
const STOPWORDS = [
  '怎么样',
  '怎么办',
  '是什么',
  '有哪些',
  '在哪里',
  '在哪儿',
  '怎么',
  '怎样',
  '如何',
  '什么',
  '哪里',
  '哪儿',
  '哪些',
  '多少',
  '是否',
  '能否',
  '能不能',
  '可不可以',
  '可以',
  '请问',
  '我想',
  '我要',
  '我们',
  '想要',
  '需要',
  '查询',
  '查看',
  '一下',
  '有关',
  '关于',
  '去哪',
  '在哪',
  '办理',
  '吗',
  '呢',
  '吧',
  '啊',
  '呀',
  '的',
  '我',
  '你',
].sort((a, b) => b.length - a.length)

const SYNONYMS: { word: string; group: string[] }[] = []
for (const group of synonymGroups) {
  const normalised = group.map(normalise)
  for (const word of normalised) SYNONYMS.push({ word, group: normalised })
}
// Longest first: 最低生活保障 is replaced as a whole before a shorter name inside it.
SYNONYMS.sort((a, b) => b.word.length - a.word.length)

/** Every everyday name and official name the synonym list knows (normalised). */
export const synonymWords: ReadonlySet<string> = new Set(SYNONYMS.map((s) => s.word))

/** Index keys of a normalised text. */
export function keysOfText(text: string): GramKey[] {
  const out: GramKey[] = []
  for (const run of runsOf(text)) keysOfRun(run, out)
  return out
}

function alternative(text: string, weight: number, origin: Alternative['origin']): Alternative {
  return { text, keys: keysOfText(text), weight, origin }
}

/** The chunk and the same chunk with each other name of the matter it names (低保 ↔ 最低生活保障). */
export function expandSynonyms(
  chunk: string,
  weight = 1,
  origin: Alternative['origin'] = 'query'
): Alternative[] {
  const out: Alternative[] = [alternative(chunk, weight, origin)]
  const found = SYNONYMS.find((s) => chunk.includes(s.word))
  if (!found) return out
  for (const other of found.group) {
    if (other === found.word) continue
    const text = chunk.replace(found.word, other)
    if (!out.some((a) => a.text === text))
      out.push(alternative(text, weight * 0.95, origin === 'query' ? 'synonym' : origin))
  }
  return out
}

/**
 * Splits a query into concepts: whitespace and punctuation separate, question words and filler
 * are dropped, a synonym inside a chunk is split out as its own concept (低保标准 → 低保 + 标准)
 * and expanded to the other names of the matter.
 */
export function parseQuery(query: string): ParsedQuery {
  const normalised = normalise(query).trim()
  let text = normalised
  for (const w of STOPWORDS) text = text.split(w).join(' ')
  const concepts: Concept[] = []
  for (const run of runsOf(text)) {
    const chunk = run.kind === 'word' ? run.word : String.fromCodePoint(...run.cps)
    if (run.kind === 'word') {
      concepts.push({ text: chunk, alternatives: expandSynonyms(chunk) })
      continue
    }
    // Cut the chunk at the synonyms it contains, so each matter is its own concept.
    let rest = chunk
    while (rest.length > 0) {
      let cut: { at: number; word: string } | undefined
      for (const s of SYNONYMS) {
        const at = rest.indexOf(s.word)
        if (at >= 0 && (!cut || at < cut.at)) cut = { at, word: s.word }
      }
      if (!cut) {
        concepts.push({ text: rest, alternatives: expandSynonyms(rest) })
        break
      }
      const before = rest.slice(0, cut.at)
      if (before) concepts.push({ text: before, alternatives: expandSynonyms(before) })
      concepts.push({ text: cut.word, alternatives: expandSynonyms(cut.word) })
      rest = rest.slice(cut.at + cut.word.length)
    }
  }
  return { normalised, concepts: concepts.filter((c) => c.alternatives[0]?.keys.length) }
}
