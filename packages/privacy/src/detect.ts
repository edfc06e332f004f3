import { luhnValid } from './luhn.js'
import { type NormalisedText, normalise, originalSpan } from './normalise.js'
import { isBusinessRegNo, isCreditCode } from './org-codes.js'
import { isValidResidentId15, isValidResidentId18 } from './resident-id.js'
import type { RuleCode } from './rule-code.js'
import { COMPOUND_SURNAMES, isChineseName, SURNAMES } from './surnames.js'

// The answer for the (usual) text with nothing in it: shared, so the ingest's loop allocates nothing.
const NONE = Object.freeze([]) as unknown as Detection[]

/** A match inside a text: [start, end) in UTF-16 units of the original (unnormalised) text. */
export interface Detection {
  rule: RuleCode
  start: number
  end: number
}

/** What the column or place a text comes from says about it. */
export interface DetectContext {
  /** The text is an amount (a 金额/预算 column): numbers in it are never phone or card numbers. */
  amount?: boolean
  /** The column holds registration numbers (注册号): 15-digit numbers with a valid check are those. */
  registration?: boolean
  /** The column holds codes or document numbers (编号, 文号): letter+digit codes are not passports. */
  code?: boolean
  /** The column holds identity documents (证件号码, 通行证): letter+digit numbers there are permits. */
  documents?: boolean
}

// ---- numbers ------------------------------------------------------------------------------------

// A run of digit groups joined by single separators (space, dot, hyphen, middle dot, no-break
// space), maybe ending in an ID's X. It never starts inside a word or number.
const NUMBER_TOKEN = /(?<![0-9A-Za-z])[0-9]+(?:[ .\-·•\u00a0/][0-9]+)*(?:[Xx](?![A-Za-z]))?/g
const TOKEN_SEP = /[ .\-·•\u00a0/]/
// Group shapes people write each kind in (group lengths, joined by commas).
const ID18_SHAPES = new Set([
  '18',
  '6,8,4',
  '6,4,4,4',
  '3,3,4,4,4',
  '4,4,4,4,2',
  '6,12',
  '6,6,6',
  '14,4',
  '10,8',
  '6,8,3,1',
])
const ID15_SHAPES = new Set(['15', '6,6,3', '6,9'])
const MOBILE_SHAPES = new Set(['11', '3,4,4', '3,8', '4,3,4', '4,4,3', '3,3,5', '7,4', '3,4,1,3'])
const CARD_SHAPES = new Set([
  '4,4,4,4',
  '4,4,4,4,1',
  '4,4,4,4,2',
  '4,4,4,4,3',
  '4,4,4,4,4',
  '4,4,4,7',
  '4,6,5',
  '6,13',
  '6,10',
  '8,8',
  '8,11',
  '10,9',
])
const MOBILE = /^1[3-9]\d{9}$/
// Money next to a number: 元 after it, ¥ or 金额/预算/合计 before it.
const AMOUNT_AFTER = /^\s*(?:元|万元|亿元|万|亿|美元|人民币)/
const AMOUNT_BEFORE = /(?:¥|￥|RMB|金额|预算|合计|总计|投资|总额|资金|收入|支出)[:：\s]*$/
const REG_BEFORE = /(?:注册号|执照|登记号)[^\d]{0,6}$/
const TAIWAN_BEFORE = /(?:台胞|台湾|赴台|往来台)[^\d]{0,14}$/

function classifyDigits(
  groups: string[],
  before: string,
  ctx: DetectContext | undefined
): RuleCode | undefined {
  const digits = groups.join('')
  const shape = groups.map((g) => g.length).join(',')
  const n = digits.length
  const single = groups.length === 1
  if (n === 18 && ID18_SHAPES.has(shape) && isValidResidentId18(digits)) return 'id_number'
  if (n === 15 && ID15_SHAPES.has(shape) && isValidResidentId15(digits)) {
    // 15-digit registration numbers share the old ID's shape; their check digit and a birth
    // "year" before 1920 (or the column) tell them apart.
    const reg =
      isBusinessRegNo(digits) &&
      (ctx?.registration || REG_BEFORE.test(before) || digits.charCodeAt(6) <= 49)
    if (!reg) return 'id_number'
  }
  if (/[Xx]$/.test(digits)) return undefined
  // Mobiles, with a 86 / 0086 group in front or glued on, or a leading 0.
  let core = groups
  if (groups.length > 1) {
    const g0 = groups[0] as string
    // +86 138 …, 0086 138 …, and +86138 1234 5678 (the prefix glued to the first group).
    if (g0 === '86' || g0 === '0086') core = groups.slice(1)
    else if (/^(?:0086|86)1[3-9]\d$/.test(g0)) core = [g0.slice(-3), ...groups.slice(1)]
  }
  const coreDigits = core.join('')
  const coreShape = core.map((g) => g.length).join(',')
  if (coreDigits.length === 11 && MOBILE_SHAPES.has(coreShape) && MOBILE.test(coreDigits))
    return 'mobile'
  if (single) {
    if (n === 12 && digits[0] === '0' && MOBILE.test(digits.slice(1))) return 'mobile'
    if (n === 13 && digits.startsWith('86') && MOBILE.test(digits.slice(2))) return 'mobile'
    if (n === 15 && digits.startsWith('0086') && MOBILE.test(digits.slice(4))) return 'mobile'
  }
  if (n >= 15 && n <= 19 && (single || CARD_SHAPES.has(shape)) && luhnValid(digits)) {
    if (n === 15 ? /^3[47]/.test(digits) : /^[3-69]/.test(digits)) return 'bank_card'
  }
  if (single && (n === 8 || n === 10) && TAIWAN_BEFORE.test(before)) return 'taiwan_permit'
  return undefined
}

function detectNumbers(t: string, ctx: DetectContext | undefined, out: Detection[]): void {
  for (const m of t.matchAll(NUMBER_TOKEN)) {
    const token = m[0]
    const at = m.index
    if (token.length < 8) continue
    const parts = token.split(TOKEN_SEP)
    // A decimal (13812345678.00) or money is an amount, whatever its digits.
    const last = parts[parts.length - 1] as string
    if (parts.length > 1 && token[token.length - last.length - 1] === '.' && last.length <= 2)
      continue
    const before = t.slice(Math.max(0, at - 16), at)
    if (ctx?.amount || AMOUNT_BEFORE.test(before) || AMOUNT_AFTER.test(t.slice(at + token.length)))
      continue
    // Offsets of each group in the token.
    const starts: number[] = []
    let p = 0
    for (const g of parts) {
      starts.push(p)
      p += g.length + 1
    }
    // Longest windows first: the whole token, then sub-runs of groups (a number followed by a year).
    let i = 0
    while (i < parts.length) {
      let matched = false
      for (let j = Math.min(parts.length - 1, i + 5); j >= i; j--) {
        const rule = classifyDigits(
          parts.slice(i, j + 1),
          t.slice(Math.max(0, at + (starts[i] as number) - 16), at + (starts[i] as number)),
          ctx
        )
        if (rule) {
          let s = at + (starts[i] as number)
          // The + of +86 belongs to the number (so a mask hides it with the rest).
          if (rule === 'mobile' && i === 0 && t[s - 1] === '+') s--
          out.push({
            rule,
            start: s,
            end: at + (starts[j] as number) + (parts[j] as string).length,
          })
          i = j + 1
          matched = true
          break
        }
      }
      if (!matched) i++
    }
  }
}

// ---- codes with letters ----------------------------------------------------------------------

const ALNUM18 = /(?<![0-9A-Za-z])[0-9A-Za-z]{18}(?![0-9A-Za-z])/g
const PASSPORT = /(?<![0-9A-Za-z])(?:E[0-9]{8}|E[A-HJ-NP-Z][0-9]{7}|G[0-9]{8})(?![0-9A-Za-z])/g
const HK_MACAU =
  /(?<![0-9A-Za-z])(?:[CW][0-9]{8}|C[A-HJ-NP-Z][0-9]{7}|[HM][0-9]{8}(?:[0-9]{2})?)(?![0-9A-Za-z])/g
const TAIWAN = /(?<![0-9A-Za-z])[LT][0-9]{8}(?![0-9A-Za-z])/g
const DOCUMENT_WORDS = /护照|通行证|证件|回乡证|台胞证|港澳|台湾|赴台|往来|passport/i

function detectLetterCodes(t: string, ctx: DetectContext | undefined, out: Detection[]): void {
  const documents = ctx?.documents || DOCUMENT_WORDS.test(t)
  if (ctx?.code && !documents) return
  for (const m of t.matchAll(PASSPORT))
    out.push({ rule: 'passport', start: m.index, end: m.index + m[0].length })
  // A letter and eight digits is also how many codes are written (C20240315): a permit only when
  // the text or its column speaks of documents.
  if (!documents) return
  for (const [re, rule] of [
    [HK_MACAU, 'hk_macau_permit'],
    [TAIWAN, 'taiwan_permit'],
  ] as const) {
    for (const m of t.matchAll(re)) out.push({ rule, start: m.index, end: m.index + m[0].length })
  }
}

// ---- e-mail ------------------------------------------------------------------------------------

const EMAIL =
  /(?:[A-Za-z0-9._%+-]+|\p{Script=Han}{1,4})@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:xn--[a-z0-9-]+|[A-Za-z]{2,}|\p{Script=Han}{2,})/gu
// Mailboxes that belong to an office, not a person: a role for a local part, or an institution's domain.
const ROLE_MAILBOX =
  /^(?:[a-z]{2,8}[._-])?(?:xxgk|zwgk|gk|office|info|service|services|contact|admin|webmaster|hr|zhaopin|zhaosheng|zs|bgs|bangong|xinfang|jubao|kefu|support|press|media|news|mail|postmaster|dangban|xzfw|zxts|tousu|consult|zixun|fuwu|bmfw)(?:[._-]?[a-z0-9]+)?$/i
const INSTITUTION_DOMAIN = /\.(?:gov\.cn|edu\.cn|org\.cn|ac\.cn|gov|edu|mil\.cn)$/i
const WEBMAIL =
  /^(?:qq|163|126|yeah|sina|sohu|gmail|hotmail|outlook|live|foxmail|139|189|aliyun|icloud|yahoo|msn|tom|21cn)\./i

/** True for a mailbox of an office (xxgk@…, anything @….gov.cn or @….edu.cn), not of a person. */
export function isInstitutionalMailbox(address: string): boolean {
  const at = address.lastIndexOf('@')
  const local = address.slice(0, at)
  const domain = address.slice(at + 1)
  if (WEBMAIL.test(domain)) return false
  return INSTITUTION_DOMAIN.test(domain) || ROLE_MAILBOX.test(local)
}

// ---- licence plates ----------------------------------------------------------------------------

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'
const PLATE = new RegExp(
  `[${PROVINCES}] ?[A-HJ-NP-Z][ ·•.-]?(?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]|[A-HJ-NP-Z0-9]{5})(?![A-Za-z0-9])`,
  'g'
)
const PLATE_QUICK = new RegExp(`[${PROVINCES}] ?[A-HJ-NP-Z]`)

function detectPlates(t: string, out: Detection[]): void {
  if (!PLATE_QUICK.test(t)) return
  for (const m of t.matchAll(PLATE)) {
    // Five letters and no digit is a word (京ABCDE is no plate anyone writes).
    if (!/\d/.test(m[0])) continue
    out.push({ rule: 'licence_plate', start: m.index, end: m.index + m[0].length })
  }
}

// ---- names and addresses in text -------------------------------------------------------------

const SURNAME_ALT = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])`
// 联系人 is not among them: in running text (联系人：王伟，电话：021-…) it names an office's contact,
// who acts in office; as a column title (a sign-up sheet's 联系人) it is caught by the column rules.
const LABEL_NAME = new RegExp(
  `(?:姓名|户主|申请人|监护人|户名|车主|被申请人|当事人|受助人|救助对象)\\s*[:：]?\\s*(${SURNAME_ALT}[\\u4e00-\\u9fff]{1,2})(?![\\u4e00-\\u9fff])`,
  'g'
)
const LABEL_ADDRESS =
  /(?:家庭住址|家庭地址|现住址|住址|居住地址|居住地|户籍地址|户籍地|现居住地|住所地|通讯地址|家住)\s*[:：]?\s*([^，,。；;\s]{2,40})/g
const HOUSE_NUMBER = /\d+\s*(?:号|弄|室|栋|幢|单元)/
// A name standing on its own: after a boundary or a word that introduces a person, before a
// boundary or a word that says something about that person.
const NAME_IN_TEXT = new RegExp(
  `(?<=^|[\\s，,。；;：:、（()）“”"'\\-]|户主|申请人|低保户|对象|人员|村民|居民|老人|当事人|患者|之女|之子)(${SURNAME_ALT}[\\u4e00-\\u9fff]{1,2}?)(?=$|[\\s，,。；;：:、（()）\\d]|住|家住|现住|居住|系|女|男|残疾|独居|户主|低保|老人)`,
  'g'
)
// What makes a named person's record personal: where they live, a benefit, health, age.
const DWELLING =
  /\d+\s*(?:弄|号楼|幢|栋|单元|室)|(?:家住|现住|住在|居住于|居住在|住址|住)[^，,。；;]{0,24}?\d+号/
const BENEFIT =
  /低保|特困|五保|救助|困难户|困难家庭|残疾|独居|孤寡|贫困|失业|重病|大病|供养|保障金|低收入|优抚|精神障碍|智障|患有|病史|吸毒|刑满|社区矫正|[男女][，,、]\s*\d+岁/
const PERSON_REF = /(?:独居)?老人|该户|本人|其家|患者|村民|居民户/
const TEXT_QUICK =
  /住|低保|户主|申请人|姓名|联系人|监护人|户名|车主|特困|救助|残疾|独居|居住|老人|居民|村民|岁|地址|户籍|当事人|患者|困难|供养|保障/

// The first characters of TEXT_QUICK's words: one character class is a much cheaper first test.
const TEXT_FIRST = [...new Set(TEXT_QUICK.source.split('|').map((w) => w[0]))].join('')

function detectPersonText(t: string, out: Detection[]): void {
  if (!TEXT_QUICK.test(t)) return
  for (const m of t.matchAll(LABEL_NAME)) {
    const name = m[1] as string
    if (!isChineseName(name)) continue
    const start = m.index + m[0].length - name.length
    out.push({ rule: 'name', start, end: start + name.length })
  }
  for (const m of t.matchAll(LABEL_ADDRESS)) {
    const addr = m[1] as string
    if (!HOUSE_NUMBER.test(addr)) continue
    const start = m.index + m[0].length - addr.length
    out.push({ rule: 'address', start, end: start + addr.length })
  }
  const dwelling = DWELLING.test(t)
  const personal = dwelling || BENEFIT.test(t)
  if (!personal) return
  let named = false
  for (const m of t.matchAll(NAME_IN_TEXT)) {
    const name = m[1] as string
    if (!isChineseName(name)) continue
    out.push({ rule: 'person_in_text', start: m.index, end: m.index + name.length })
    named = true
  }
  if (!named && dwelling && PERSON_REF.test(t)) {
    const d = DWELLING.exec(t) as RegExpExecArray
    out.push({ rule: 'person_in_text', start: d.index, end: d.index + d[0].length })
  }
}

// ---- all ---------------------------------------------------------------------------------------

const QUICK = /\d{3}[ .\-·•\u00a0]?\d{3}|@|[A-Z]\d{5}/
// Anything any detector needs: digits in a run, an @ (also ＠), full-width characters, a plate's
// province and letter, or a word that introduces a person.
// What each character can start, for the one-pass gate: a digit, a trigger on its own (@, a
// full-width digit or letter, the first character of a word that introduces a person), or a
// province that starts a plate when a capital letter follows.
const DIGIT = 1
const TRIGGER = 2
const PROVINCE = 4
const SEPARATOR = 8
const CHAR_CLASS = new Uint8Array(65536)
const mark = (c: string, flag: number) => {
  const x = c.charCodeAt(0)
  CHAR_CLASS[x] = (CHAR_CLASS[x] as number) | flag
}
for (let c = 48; c <= 57; c++) CHAR_CLASS[c] = DIGIT
for (const c of '@\uff20') CHAR_CLASS[c.charCodeAt(0)] = TRIGGER
for (let c = 0xff10; c <= 0xff5a; c++) CHAR_CLASS[c] = TRIGGER
for (const c of TEXT_FIRST) mark(c, TRIGGER)
for (const c of PROVINCES) mark(c, PROVINCE)
for (const c of ' .-·•\u00a0\u3000') mark(c, SEPARATOR)

/**
 * True when some detector could match: six digits (one separator allowed between them), a
 * trigger character, or a province followed by a capital letter. One pass over the characters.
 */
function mayMatch(text: string): boolean {
  let digits = 0
  let sepAllowed = false
  for (let i = 0; i < text.length; i++) {
    const k = CHAR_CLASS[text.charCodeAt(i)] as number
    if (k & DIGIT) {
      if (++digits >= 6) return true
      sepAllowed = true
      continue
    }
    if (k & TRIGGER) return true
    if (k & PROVINCE) {
      let n = text.charCodeAt(i + 1)
      if (n === 32) n = text.charCodeAt(i + 2)
      if (n >= 65 && n <= 90) return true
    }
    if (k & SEPARATOR && sepAllowed && digits >= 3) {
      sepAllowed = false
      continue
    }
    digits = 0
    sepAllowed = false
  }
  return false
}

function mapBack(n: NormalisedText, found: Detection[]): Detection[] {
  if (!n.offsets) return found
  return found.map((d) => {
    const [start, end] = originalSpan(n, d.start, d.end)
    return { ...d, start, end }
  })
}

/**
 * Finds personal information in a text, after NFKC normalisation: resident IDs (18 and 15
 * digits, check digit and birth date; grouped 310105.19850615.0011, full-width, …Ｘ), mobiles
 * (grouped, with 0 / +86 / 0086), bank cards (Luhn), personal e-mail addresses (also ＠ and
 * internationalised domains; office mailboxes are let through), passports, 港澳/台湾 permits,
 * licence plates, labelled names and home addresses, and text naming a person with an address or
 * a benefit. Credit codes, registration numbers, landlines, hotlines and amounts are not matched.
 * Detections come in text order, with offsets into `text` as given.
 */
export function detectPersonalInfo(text: string, ctx?: DetectContext): Detection[] {
  // One pass over the text decides whether any detector can match: most cells (names of things,
  // dates, amounts) stop here, which keeps the ingest's scan cheap.
  if (text.length < 4 || !mayMatch(text)) return NONE
  const n = normalise(text)
  const t = n.text
  const found: Detection[] = []
  const quick = QUICK.test(t)
  if (quick) {
    // Organisation codes are public: they claim their span before any personal detector.
    const claimed: [number, number][] = []
    if (t.length >= 18) {
      for (const m of t.matchAll(ALNUM18)) {
        // A number that is both a valid ID and a valid code is taken for the ID unless the column
        // says codes: privacy errs on the side of the person.
        const id = /^\d{17}[\dXx]$/.test(m[0]) && isValidResidentId18(m[0]) && !ctx?.code
        if (!id && isCreditCode(m[0])) claimed.push([m.index, m.index + 18])
      }
    }
    const raw: Detection[] = []
    detectNumbers(t, ctx, raw)
    detectLetterCodes(t, ctx, raw)
    if (t.includes('@')) {
      for (const m of t.matchAll(EMAIL)) {
        if (!isInstitutionalMailbox(m[0]))
          raw.push({ rule: 'email', start: m.index, end: m.index + m[0].length })
      }
    }
    for (const d of raw) {
      if (claimed.some(([s, e]) => d.start < e && s < d.end)) continue
      found.push(d)
    }
  }
  detectPlates(t, found)
  detectPersonText(t, found)
  if (found.length === 0) return NONE
  found.sort((a, b) => a.start - b.start)
  return mapBack(n, found)
}
