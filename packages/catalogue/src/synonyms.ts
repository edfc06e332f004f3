// Everyday short forms of the matters' official names: residents search "低保", the catalogues say
// 最低生活保障. Each group is symmetric; a query term matches any member of its group.
const GROUPS: readonly (readonly string[])[] = [
  ['低保金', '最低生活保障金'],
  ['低保', '最低生活保障'],
  ['特困', '特困人员', '特困供养'],
  ['医保', '医疗保障', '医疗保险'],
  ['社保', '社会保险'],
  ['公租房', '公共租赁住房'],
  ['廉租房', '廉租住房'],
  ['经适房', '经济适用住房'],
  ['双随机', '双随机一公开'],
  ['预决算', '预算', '决算'],
  ['三公', '三公经费'],
  ['危房', '危房改造'],
  ['征地', '土地征收'],
  ['拆迁', '房屋征收'],
  ['学区', '招生范围'],
  ['入学', '招生'],
  ['养老院', '养老机构'],
  ['敬老院', '特困人员供养服务机构'],
  // Shanghai pays the former 高龄津贴 as 老年综合津贴 (沪府发〔2016〕32号, from 2016-07-01).
  ['高龄津贴', '高龄补贴', '老年综合津贴'],
  ['残疾人补贴', '残疾人两项补贴'],
  ['12345', '12345政务服务热线'],
  ['打疫苗', '预防接种', '疫苗接种'],
  // 罚款 is the penalty residents name; the catalogues' matter is 行政处罚 (行政处罚法 第九条).
  ['罚款', '行政处罚'],
  // 民办义务教育学校 places are drawn by 电脑随机录取, which residents call 摇号.
  ['摇号', '电脑随机录取'],
]

/** Every group of names of one matter, everyday name first (the one list; search reads it too). */
export const synonymGroups: readonly (readonly string[])[] = GROUPS

const bySynonym = new Map<string, readonly string[]>()
for (const group of GROUPS) for (const word of group) bySynonym.set(word, group)

/** The term and the other names of the same matter (e.g. 低保 → 低保, 最低生活保障). */
export function synonymsOf(term: string): readonly string[] {
  return bySynonym.get(term) ?? [term]
}
