/** What a column's name or title says it holds. */
export type SensitiveColumnKind = 'name' | 'id_number' | 'phone' | 'address'

const RULES: [RegExp, SensitiveColumnKind][] = [
  [/身份证|证件号|证件号码|公民身份号码/, 'id_number'],
  [/姓名|名字/, 'name'],
  [/电话|手机|联系方式/, 'phone'],
  [/住址|家庭地址|地址/, 'address'],
]

/** The kind of personal information a column title suggests (姓名/身份证/电话/住址 …), if any. */
export function sensitiveColumnKind(
  ...labels: (string | undefined)[]
): SensitiveColumnKind | undefined {
  for (const label of labels) {
    if (!label) continue
    for (const [re, kind] of RULES) if (re.test(label)) return kind
  }
  return undefined
}
