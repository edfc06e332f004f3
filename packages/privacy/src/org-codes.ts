const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
// Registration authority and kind (11 机关, 12 事业单位, 51 社会团体, 91 企业, 92 个体工商户 …), a
// region code, then the organisation code and the check character.
const CREDIT_CODE =
  /^(?:1[1239]|2[19]|3[1-59]|4[19]|5[1239]|6[129]|7[129]|8[19]|9[1-3]|A[19]|N[1-39]|Y1)[1-8]\d{5}[0-9A-HJ-NPQRTUWXY]{10}$/

/**
 * A 统一社会信用代码 (unified social credit code, GB 32100-2015): 18 characters from the code's
 * alphabet with a valid MOD 31 check character. It names an organisation, never a person.
 */
export function isCreditCode(s: string): boolean {
  if (s.length !== 18) return false
  const u = s.toUpperCase()
  if (!CREDIT_CODE.test(u)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CC.indexOf(u[i] as string) * (CC_WEIGHTS[i] as number)
  return CC[(31 - (sum % 31)) % 31] === u[17]
}

/**
 * A 15-digit 工商注册号 (business registration number, GB 12000 / ISO 7064 MOD 11,10 check digit),
 * the number enterprises had before the credit code.
 */
export function isBusinessRegNo(s: string): boolean {
  if (!/^\d{15}$/.test(s)) return false
  let p = 10
  for (let i = 0; i < 14; i++) {
    let t = (p + (s.charCodeAt(i) - 48)) % 10
    if (t === 0) t = 10
    p = (t * 2) % 11
  }
  return (p + (s.charCodeAt(14) - 48)) % 10 === 1
}
