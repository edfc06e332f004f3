import type { DetectContext } from './detect.js'
import type { RuleCode } from './rule-code.js'

/**
 * What a column's title says it holds. `strong`: personal whatever the table (姓名, 身份证号,
 * 家庭住址, 手机); `weak`: personal in a table about people, public in a table about institutions
 * (电话, 地址, 邮箱, 车牌号, 救助对象); `organisation`: names an organisation (学校名称, 单位);
 * `amount`: money or counts, whose numbers are never phone numbers; `registration`: 注册号;
 * `code`: codes and document numbers.
 */
export type ColumnRole =
  | { kind: 'strong'; rule: RuleCode }
  | { kind: 'weak'; rule: RuleCode }
  | { kind: 'organisation' }
  | { kind: 'amount' }
  | { kind: 'registration' }
  | { kind: 'code' }

const STRONG: [RegExp, RuleCode][] = [
  [/身份证|身份号码|公民身份|证件号|证件编号|证件号码|身份证件/, 'id_number'],
  [/护照/, 'passport'],
  [/港澳.*通行证|回乡证|港澳居民/, 'hk_macau_permit'],
  [/台湾.*通行证|台胞证|赴台/, 'taiwan_permit'],
  [/手机|移动电话/, 'mobile'],
  [/银行卡|卡号|一卡通|银行账号|开户账号/, 'bank_card'],
  [/家庭住址|家庭地址|现住址|^住址|居住地|户籍地|现居住|住所地|家庭门牌/, 'address'],
  [/姓名|名字|申请人|户主|联系人|监护人|户名|车主|当事人姓名|被申请人|受助人|法定监护人/, 'name'],
  [/个人邮箱|私人邮箱/, 'email'],
]
const WEAK: [RegExp, RuleCode][] = [
  [/电话|联系方式|固话|座机|总机|热线/, 'mobile'],
  [/邮箱|电子邮件|e-?mail/i, 'email'],
  [/车牌|号牌/, 'licence_plate'],
  [/地址|住所|地点|门牌/, 'address'],
  [/对象|人员|名单|成员|村民|居民|^人$/, 'name'],
]
// Pinyin initials and English names spreadsheets use for the same columns (xm = 姓名, sfzh = 身份证号);
// the generic English ones (name, phone, address) are weak: `name` is as often an item's name.
const CODES: Record<string, ColumnRole> = {}
for (const [keys, kind, rule] of [
  ['xm xingming sfz sfzh sfzhm zjhm idcard id_card idno id_number', 'strong', 'id_number'],
  ['sjh sjhm mobile cellphone', 'strong', 'mobile'],
  ['jtzz home_address', 'strong', 'address'],
  ['yhkh bank_card', 'strong', 'bank_card'],
  ['hzhm passport', 'strong', 'passport'],
  ['lxdh phone tel telephone', 'weak', 'mobile'],
  ['zz address', 'weak', 'address'],
  ['email', 'weak', 'email'],
  ['name fullname', 'weak', 'name'],
] as const) {
  for (const k of keys.split(' ')) CODES[k] = { kind, rule } as ColumnRole
}
CODES.xm = { kind: 'strong', rule: 'name' }
CODES.xingming = { kind: 'strong', rule: 'name' }
const ORGANISATION =
  /单位|机构|学校|园所|企业|公司|网点|部门|医院|名称|居委会|村委会|街道$|^学校|相对人|办事处|站点|受理点/
const AMOUNT =
  /金额|元）|元\)|（元|\(元|万元|预算|资金|费用|收入|支出|价格|单价|合计|总额|人数|数量|面积|人口|床位|泊位|受理量|长度|率|比例|户数|件数/
const REGISTRATION = /注册号|执照号|登记号/
const CODE = /编号|文号|代码|编码|索引号|批次|型号|线路|科目/

/** The role a column's name or title gives it, if any (the first label that says something wins). */
export function columnRole(...labels: (string | undefined)[]): ColumnRole | undefined {
  for (const label of labels) {
    if (!label) continue
    const l = label.trim()
    const coded = CODES[l.toLowerCase()]
    if (coded) return coded
    if (REGISTRATION.test(l)) return { kind: 'registration' }
    // 统一社会信用代码 names organisations' codes, never a person's ID.
    if (/信用代码|机构代码/.test(l)) return { kind: 'code' }
    for (const [re, rule] of STRONG) if (re.test(l)) return { kind: 'strong', rule }
    if (AMOUNT.test(l)) return { kind: 'amount' }
    for (const [re, rule] of WEAK) if (re.test(l)) return { kind: 'weak', rule }
    if (ORGANISATION.test(l)) return { kind: 'organisation' }
    if (CODE.test(l)) return { kind: 'code' }
  }
  return undefined
}

/**
 * The rule codes a label names (姓名 -> name, 身份证号码 -> id_number, 联系电话 -> mobile), for a
 * catalogue entry's `privacy.mayShow`/`mustNotShow` lists; empty when it names none.
 */
export function rulesOfLabel(label: string): RuleCode[] {
  const out = new Set<RuleCode>()
  for (const [re, rule] of [...STRONG, ...WEAK]) if (re.test(label)) out.add(rule)
  return [...out]
}

const DOCUMENT_RULES = new Set<RuleCode>([
  'id_number',
  'passport',
  'hk_macau_permit',
  'taiwan_permit',
])

/** What a column's role tells the detectors about its values (amounts, codes, identity documents). */
export function detectContext(role: ColumnRole | undefined): DetectContext | undefined {
  switch (role?.kind) {
    case 'amount':
      return { amount: true }
    case 'registration':
      return { registration: true }
    case 'code':
      return { code: true }
    case 'strong':
    case 'weak':
      return DOCUMENT_RULES.has(role.rule) ? { documents: true } : undefined
    default:
      return undefined
  }
}
