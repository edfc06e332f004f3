/** Two-character surnames (欧阳, 司马 …), tried before the single ones. */
export const COMPOUND_SURNAMES = [
  ...'欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 独孤 南宫 西门 百里 呼延 澹台 公冶 太史 申屠 闻人 赫连 万俟 濮阳 淳于 单于 拓跋 司空 东郭 第五'.split(
    ' '
  ),
]

/**
 * The common single-character surnames (about 200, covering the great majority of people). Words
 * that merely start with one of them (高级, 安全) are told apart by where a candidate stands and
 * what follows it, never by this list alone.
 */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'

/** Characters that end place names, organisations and common words, never a given name. */
const NOT_GIVEN_NAME =
  '路街区市县镇乡村号楼室院校园局处科站所队组部会馆场厂社业类型项期年月日元的了是在和与及等各该本其这那办理请示障额话址级量率费税价数线称式间部门中心公司单位岗'

const SURNAME_SET = new Set(SURNAMES)
const COMPOUND_SET = new Set(COMPOUND_SURNAMES)
const NOT_GIVEN = new Set(NOT_GIVEN_NAME)
const HAN = /^[\u4e00-\u9fff]+$/
// Forms of address and placeholders that stand for no one in particular: 王老师, 张某, 李先生.
const NOT_A_NAME = /某|老师|先生|女士|小姐|主任|同志|科长|处长|局长|书记|经理|师傅|阿姨|大爷|家属/

/**
 * True when `s` (trimmed) reads as a Chinese personal name: a common surname followed by one or
 * two given-name characters (张三, 李秀英, 欧阳明), not a form of address or a placeholder (王老师,
 * 张某) and not ending in a character of places, organisations or common words.
 */
export function isChineseName(s: string): boolean {
  const v = s.trim()
  if (v.length < 2 || v.length > 4 || !HAN.test(v) || NOT_A_NAME.test(v)) return false
  const compound = v.length >= 3 && COMPOUND_SET.has(v.slice(0, 2))
  const given = compound ? v.slice(2) : v.slice(1)
  if (!compound && !SURNAME_SET.has(v[0] as string)) return false
  if (given.length < 1 || given.length > 2) return false
  for (const c of given) if (NOT_GIVEN.has(c)) return false
  return true
}
