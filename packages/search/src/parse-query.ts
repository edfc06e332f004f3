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
  /** Index of the query chunk (a run between spaces and punctuation) it came from. */
  chunk: number
}

/** A parsed query. */
export interface ParsedQuery {
  /** The normalised query. */
  normalised: string
  concepts: Concept[]
  /** The chunks the concepts came from (a typo is corrected on its whole chunk). */
  chunks: string[]
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
  '是',
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
function keysOfText(text: string): GramKey[] {
  const out: GramKey[] = []
  for (const run of runsOf(text)) keysOfRun(run, out)
  return out
}

function alternative(text: string, weight: number, origin: Alternative['origin']): Alternative {
  return { text, keys: keysOfText(text), weight, origin }
}

/** The chunk and the same chunk with each other name of the matter it names (低保 ↔ 最低生活保障). */
function expandSynonyms(
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
      // Another name counts a little less than the name typed: 预算 finds 决算 (both 预决算),
      // but a text saying 预算 itself ranks first.
      out.push(alternative(text, weight * 0.8, origin === 'query' ? 'synonym' : origin))
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
  const chunks: string[] = []
  for (const run of runsOf(text)) {
    const chunk = run.kind === 'word' ? run.word : String.fromCodePoint(...run.cps)
    chunks.push(chunk)
    concepts.push(...conceptsOfChunk(chunk, chunks.length - 1))
  }
  return { normalised, concepts, chunks }
}

/** The concepts of one chunk: cut at the synonyms it contains, each expanded to its other names. */
export function conceptsOfChunk(chunk: string, index: number, weight = 1): Concept[] {
  const origin: Alternative['origin'] = weight < 1 ? 'correction' : 'query'
  const make = (text: string): Concept => ({
    text,
    alternatives: expandSynonyms(text, weight, origin),
    chunk: index,
  })
  if (!runsOf(chunk).every((r) => r.kind === 'han')) return [make(chunk)]
  const out: Concept[] = []
  let rest = chunk
  while (rest.length > 0) {
    let cut: { at: number; word: string } | undefined
    for (const s of SYNONYMS) {
      const at = rest.indexOf(s.word)
      if (at >= 0 && (!cut || at < cut.at)) cut = { at, word: s.word }
    }
    if (!cut) {
      out.push(make(rest))
      break
    }
    const before = rest.slice(0, cut.at)
    if (before) out.push(make(before))
    out.push(make(cut.word))
    rest = rest.slice(cut.at + cut.word.length)
  }
  return out.filter((c) => c.alternatives[0]?.keys.length)
}
