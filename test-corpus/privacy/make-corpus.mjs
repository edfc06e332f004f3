// Writes the labelled privacy corpus: one JSON file per case, `{ class, input, expect }`, under
// tuning/ (detectors were tuned on these) and held-out/ (written at the same time, before any
// detector work, and run only to report). The spellings are the ones seen in real disclosures and
// spreadsheets; the numbers get valid check digits here so a detector cannot pass on checksums
// alone. Run `node test-corpus/privacy/make-corpus.mjs` to rewrite the files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

// ---- check digits -------------------------------------------------------------------------
const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** A valid 18-character resident ID from region + yyyymmdd + 3-digit sequence. */
function id18(region, birth, seq) {
  const s = `${region}${birth}${seq}`
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * W[i]
  return s + '10X98765432'[sum % 11]
}
/** A 16–19 digit card number with its Luhn digit. */
function card(prefix) {
  for (let d = 0; d <= 9; d++) {
    const s = `${prefix}${d}`
    let sum = 0
    let dbl = false
    for (let i = s.length - 1; i >= 0; i--) {
      let x = Number(s[i])
      if (dbl) {
        x *= 2
        if (x > 9) x -= 9
      }
      sum += x
      dbl = !dbl
    }
    if (sum % 10 === 0) return s
  }
  throw new Error('unreachable')
}
const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CCW = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** A 统一社会信用代码 (GB 32100) with its check character. */
function creditCode(first17) {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CC.indexOf(first17[i]) * CCW[i]
  const c = (31 - (sum % 31)) % 31
  return first17 + CC[c]
}
/** A 15-digit 工商注册号 with its ISO 7064 MOD 11,10 check digit. */
function regNo(first14) {
  let p = 10
  for (const ch of first14) {
    let s = (p + Number(ch)) % 10
    if (s === 0) s = 10
    p = (s * 2) % 11
  }
  return first14 + String((11 - p) % 10)
}
const full = (s) =>
  s.replace(/[0-9A-Za-z@.\-+]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const group = (s, sizes, sep) => {
  const out = []
  let at = 0
  for (const n of sizes) {
    out.push(s.slice(at, at + n))
    at += n
  }
  return out.join(sep)
}

const ids = [
  id18('310105', '19850615', '001'),
  id18('310104', '19620302', '124'),
  id18('320102', '19781121', '356'),
  id18('110105', '19491231', '002'),
  id18('440305', '19930708', '417'),
  id18('510107', '20010125', '038'),
  id18('330106', '19550917', '262'),
  id18('420106', '19881030', '151'),
  id18('310112', '19710412', '083'),
  id18('310107', '19660824', '295'),
]
// IDs ending in X (found by trying sequences).
const idsX = []
for (let seq = 100; idsX.length < 6; seq++) {
  const id = id18(
    ['310105', '310106', '320583', '370102', '310115', '350203'][idsX.length],
    '19800101'.replace('01', String(1 + idsX.length).padStart(2, '0')),
    String(seq)
  )
  if (id.endsWith('X')) idsX.push(id)
}
const cards = [
  card('622202100112345678'),
  card('621700123456789012'),
  card('622848001234567891'),
  card('621483021234567'),
  card('436742123456789'),
  card('625807123456789'),
  card('601382712345678912'),
  card('622588123412345'),
]

// ---- cases ----------------------------------------------------------------------------------
const cases = []
/** Adds the cases of a class, alternately to the tuning and the held-out half. */
function add(cls, list) {
  list.forEach((c, i) => {
    cases.push({ class: cls, half: i % 2 === 0 ? 'tuning' : 'held-out', ...c })
  })
}
const personal = (value, rules) => ({ input: { value }, expect: { refuse: true, rules } })
const publicValue = (value) => ({ input: { value }, expect: { refuse: false } })

add('id_plain', [
  personal(ids[0], ['id_number']),
  personal(`身份证号：${ids[1]}`, ['id_number']),
  personal(`公民身份号码 ${ids[2]}`, ['id_number']),
  personal(`证件号码:${ids[3]}（已核验）`, ['id_number']),
  personal(`申请人身份证${ids[4]}，材料齐全`, ['id_number']),
  personal(`ID:${ids[5]}`, ['id_number']),
  personal(`身份证号码为${ids[6]}的居民`, ['id_number']),
  personal(`${ids[7]} 已登记`, ['id_number']),
])
add('id_fullwidth', [
  personal(full(ids[0]), ['id_number']),
  personal(`身份证号：${full(ids[8])}`, ['id_number']),
  personal(full(idsX[0]), ['id_number']),
  personal(`证件号 ${full(ids[9])}`, ['id_number']),
  personal(`${full(ids[2].slice(0, 9))}${ids[2].slice(9)}`, ['id_number']),
  personal(`公民身份号码：${full(idsX[1])}`, ['id_number']),
])
add('id_x', [
  personal(idsX[0], ['id_number']),
  personal(idsX[1].toLowerCase(), ['id_number']),
  personal(`身份证：${idsX[2].slice(0, 17)}Ｘ`, ['id_number']),
  personal(`${idsX[3].slice(0, 17)}x（本人）`, ['id_number']),
  personal(`证件号码${idsX[4]}`, ['id_number']),
  personal(`${idsX[5].slice(0, 17)}×`, ['id_number']),
])
add('id_grouped', [
  personal(group(ids[0], [6, 8, 4], '.'), ['id_number']),
  personal(group(ids[1], [6, 4, 4, 4], ' '), ['id_number']),
  personal(group(ids[2], [6, 8, 4], '-'), ['id_number']),
  personal(`身份证 ${group(idsX[2], [6, 8, 4], ' ')}`, ['id_number']),
  personal(group(ids[3], [3, 3, 4, 4, 4], ' '), ['id_number']),
  personal(group(ids[4], [6, 8, 4], '·'), ['id_number']),
  personal(`证件号：${group(ids[5], [6, 4, 4, 4], '-')}`, ['id_number']),
  personal(group(ids[6], [4, 4, 4, 4, 2], ' '), ['id_number']),
])
add('id15', [
  personal('310105850615001', ['id_number']),
  personal('身份证号：320102781121356', ['id_number']),
  personal('旧身份证 110105491231002', ['id_number']),
  personal('440305930708417（15位）', ['id_number']),
  personal('证件号码310104620302124', ['id_number']),
  personal('510107650125038', ['id_number']),
])
add('mobile_plain', [
  personal('13812345678', ['mobile']),
  personal('联系电话：13916012345', ['mobile']),
  personal('手机 15021234567', ['mobile']),
  personal('电话18621876543（微信同号）', ['mobile']),
  personal('有事请拨17701234567', ['mobile']),
  personal('联系方式:19912345678', ['mobile']),
  personal('张先生13585858585', ['mobile']),
  personal('手机号码：16612345678', ['mobile']),
])
add('mobile_grouped', [
  personal('138.1234.5678', ['mobile']),
  personal('138 1234 5678', ['mobile']),
  personal('138-1234-5678', ['mobile']),
  personal('138 12345678', ['mobile']),
  personal('手机：139 1601 2345', ['mobile']),
  personal('1381-234-5678', ['mobile']),
  personal('电话 150-2123-4567 李', ['mobile']),
  personal('186 2187 6543', ['mobile']),
])
add('mobile_prefix', [
  personal('013812345678', ['mobile']),
  personal('+86 138 1234 5678', ['mobile']),
  personal('+8613812345678', ['mobile']),
  personal('0086 13916012345', ['mobile']),
  personal('(+86)139-1601-2345', ['mobile']),
  personal('86-15021234567', ['mobile']),
  personal('0086-186-2187-6543', ['mobile']),
  personal('手机（+86）17701234567', ['mobile']),
])
add('mobile_fullwidth', [
  personal('１３８１２３４５６７８', ['mobile']),
  personal('１３８－１２３４－５６７８', ['mobile']),
  personal('电话：１３９１６０１２３４５', ['mobile']),
  personal('＋８６　１５０２１２３４５６７', ['mobile']),
  personal('手机１８６ ２１８７ ６５４３', ['mobile']),
  personal('１３８．１２３４．５６７８', ['mobile']),
])
add('bank_card_plain', [
  personal(cards[0], ['bank_card']),
  personal(`卡号：${cards[1]}`, ['bank_card']),
  personal(`一卡通账号${cards[2]}`, ['bank_card']),
  personal(`银行卡 ${cards[3]}`, ['bank_card']),
  personal(`补贴打入${cards[4]}`, ['bank_card']),
  personal(`账号:${cards[5]}（工商银行）`, ['bank_card']),
])
add('bank_card_grouped', [
  personal(group(cards[0], [4, 4, 4, 4, 3], ' '), ['bank_card']),
  personal(group(cards[1], [4, 4, 4, 4, 3], '-'), ['bank_card']),
  personal(`卡号 ${group(cards[3], [4, 4, 4, 4], ' ')}`, ['bank_card']),
  personal(full(cards[6]), ['bank_card']),
  personal(group(cards[4], [4, 4, 4, 4], '　'), ['bank_card']),
  personal(`银行账号：${group(cards[7], [4, 4, 4, 4], '.')}`, ['bank_card']),
])
add('email_plain', [
  personal('zhangsan1985@163.com', ['email']),
  personal('邮箱：li.ming@qq.com', ['email']),
  personal('wangfang_88@126.com', ['email']),
  personal('联系邮箱 chenjing2000@sina.com', ['email']),
  personal('E-mail: liu-wei@gmail.com', ['email']),
  personal('个人邮箱zhaolihua@foxmail.com', ['email']),
])
add('email_fullwidth_idn', [
  personal('zhangsan＠163.com', ['email']),
  personal('张三@例子.中国', ['email']),
  personal('ｌｉｍｉｎｇ＠ｑｑ．ｃｏｍ', ['email']),
  personal('王芳@邮件.公司', ['email']),
  personal('xiaoming@xn--fiqs8s.cn', ['email']),
  personal('邮箱：chen.jing＠126.com', ['email']),
])
add('passport', [
  personal('护照号码：E12345678', ['passport']),
  personal('EA1234567', ['passport']),
  personal('护照 G23456789', ['passport']),
  personal('Passport No. E87654321', ['passport']),
  personal('护照号：ＥＢ７６５４３２１', ['passport']),
  personal('持E56781234号护照', ['passport']),
])
add('hk_macau_permit', [
  personal('往来港澳通行证 C12345678', ['hk_macau_permit']),
  personal('港澳通行证号：CA1234567', ['hk_macau_permit']),
  personal('港澳通行证W87654321', ['hk_macau_permit']),
  personal('回乡证 H1234567801', ['hk_macau_permit']),
  personal('港澳居民来往内地通行证：M12345678', ['hk_macau_permit']),
  personal('通行证号码 CE7654321（往来港澳）', ['hk_macau_permit']),
])
add('taiwan_permit', [
  personal('台胞证 12345678', ['taiwan_permit']),
  personal('大陆居民往来台湾通行证 L12345678', ['taiwan_permit']),
  personal('台湾居民来往大陆通行证号码：87654321', ['taiwan_permit']),
  personal('赴台通行证T23456789', ['taiwan_permit']),
  personal('台胞证号码：0123456701', ['taiwan_permit']),
  personal('往来台湾通行证：L87654321', ['taiwan_permit']),
])
add('licence_plate', [
  personal('沪A12345', ['licence_plate']),
  personal('沪A·D12345', ['licence_plate']),
  personal('车牌号：粤B 12345', ['licence_plate']),
  personal('京N·8H8H8', ['licence_plate']),
  personal('沪AD12345', ['licence_plate']),
  personal('苏E-3K2L9', ['licence_plate']),
  personal('车辆浙A１２３４５违停', ['licence_plate']),
  personal('沪C·5F3K7', ['licence_plate']),
])
add('labelled_name_address', [
  personal('姓名：张三', ['name']),
  personal('家庭住址：长宁区愚园路1088弄5号201室', ['address']),
  personal('户主：王建国', ['name']),
  personal('现住址：天山路600弄12号303室', ['address']),
  personal('申请人：李秀英', ['name']),
  personal('居住地：仙霞路350弄7号602室', ['address']),
])
add('person_in_text', [
  personal('张三，住长宁区某路12弄3号302室，低保户', ['person_in_text']),
  personal('申请人李秀英，家住江苏路街道愚园路1088弄5号201室', ['person_in_text']),
  personal('低保户王建国（户主），家庭人口3人', ['person_in_text']),
  personal('特困供养人员：陈桂兰，仙霞新村街道', ['person_in_text']),
  personal('刘伟 残疾人 居住于天山路600弄12号', ['person_in_text']),
  personal('户主赵丽华，月保障金额1520元', ['person_in_text']),
  personal('欧阳明住长宁路1001号2号楼1203室', ['person_in_text']),
  personal('孙桂英，女，72岁，独居，住新华路211弄8号', ['person_in_text']),
])

// Institutional values.
add('landline', [
  publicValue('021-62345678'),
  publicValue('(021)62345678'),
  publicValue('021 6234 5678'),
  publicValue('010-8888 8888转801'),
  publicValue('0571-87654321'),
  publicValue('咨询电话：021-22050000'),
  publicValue('（021）5211 8000'),
  publicValue('值班电话 021-62520000-8008'),
])
add('hotline', [
  publicValue('12345'),
  publicValue('400-820-1234'),
  publicValue('95588'),
  publicValue('服务热线：800-820-8820'),
  publicValue('市民热线12345、110'),
  publicValue('4008-123-123'),
])
add('credit_code', [
  publicValue(creditCode('91310105MA1FL1234')),
  publicValue(`统一社会信用代码：${creditCode('12310105425012345')}`),
  publicValue(creditCode('11310105002412345')),
  publicValue(`信用代码 ${creditCode('91310000132208779')}`),
  publicValue(creditCode('52310105MJ5012345')),
  publicValue(`统一社会信用代码${creditCode('92310105MA1K12345')}（个体工商户）`),
])
add('business_reg_no', [
  publicValue(regNo('31010500012345')),
  publicValue(`注册号：${regNo('31000040012345')}`),
  publicValue(`工商注册号 ${regNo('31010520004567')}`),
  publicValue(regNo('11010801234567')),
  publicValue(`营业执照注册号${regNo('31011200001234')}`),
  publicValue(regNo('44030110345678')),
])
add('institutional_mailbox', [
  publicValue('xxgk@shcn.gov.cn'),
  publicValue('cnqzf@shcn.gov.cn'),
  publicValue('bgs@yuyuan-school.edu.cn'),
  publicValue('邮箱：xinfang@shanghai.gov.cn'),
  publicValue('service@sh-water.com.cn'),
  publicValue('zhaosheng@shzx.sh.cn'),
  publicValue('office＠ecnu.edu.cn'),
  publicValue('info@cnswfund.org.cn'),
])
add('amount_like_mobile', [
  publicValue('13812345678.00'),
  publicValue('预算金额 13900000000 元'),
  publicValue('合计15012345678元'),
  publicValue('￥18600000000'),
  publicValue('金额：13,812,345,678元'),
  publicValue('总投资 17700000000.50 元'),
])
add('other_public_numbers', [
  publicValue('长府发〔2024〕12号'),
  publicValue('索引号：002412345/2024-00012'),
  publicValue('2024-06-15 09:30:00'),
  publicValue('邮政编码 200050'),
  publicValue('ISBN 978-7-5321-1234-5'),
  publicValue('合同编号 HT-2024-0001'),
  publicValue('2019 2020 2021 2022年度'),
  publicValue('功能分类科目 2080201'),
])
add('institutional_text', [
  publicValue('长宁区江苏路街道办事处，地址：长宁区愚园路1088号'),
  publicValue('上海市长宁区民政局 愚园路1320号 021-22050800'),
  publicValue('申请人可到区政务服务中心一楼窗口办理'),
  publicValue('低保申请由户籍地街道受理，住房困难家庭可申请廉租住房'),
  publicValue('新泾镇社区卫生服务中心（地址：剑河路500号）'),
  publicValue('本公示期为7日，公示期间如有异议请向街道社区事务受理服务中心反映'),
  publicValue('联系人：办公室，电话021-62590000'),
  publicValue('长宁区天山路街道天山三村居委会'),
])
add('masked_values', [
  publicValue('138****5678'),
  publicValue('310***********0011'),
  publicValue('张*'),
  publicValue('6222 **** **** 7890'),
  publicValue('z***@163.com'),
  publicValue('欧阳**'),
])

// ---- tables -------------------------------------------------------------------------------------
const table = (title, columns, rows, expect, schema) => ({
  input: { table: { title, columns, rows, ...(schema ? { schema } : {}) } },
  expect,
})
const refuse = (rules, columns) => ({ refuse: true, rules, ...(columns ? { columns } : {}) })
const pass = { refuse: false }

add('table_personal', [
  table(
    '2024年第二季度最低生活保障对象名单',
    ['序号', '姓名', '身份证号', '家庭住址', '保障人数', '月保障金额（元）'],
    [
      ['1', '张三', ids[0], '愚园路1088弄5号201室', '2', '2100'],
      ['2', '李秀英', idsX[0], '仙霞路350弄7号602室', '1', '1420'],
    ],
    refuse(['name', 'id_number', 'address'], ['姓名', '身份证号', '家庭住址'])
  ),
  table(
    '临时救助审批表',
    ['申请人', '证件号码', '救助金额'],
    [
      ['王建国', full(ids[1]), '3000'],
      ['赵丽华', full(ids[2]), '1500'],
    ],
    refuse(['name', 'id_number'], ['申请人', '证件号码'])
  ),
  table(
    '社区活动报名表',
    ['序号', '联系人', '手机', '报名项目'],
    [
      ['1', '陈静', '139 1601 2345', '书法班'],
      ['2', '刘伟', '+86 138-1234-5678', '太极拳'],
    ],
    refuse(['name', 'mobile'], ['联系人', '手机'])
  ),
  table(
    '困难家庭入户调查',
    ['户主', '居住地', '家庭人口'],
    [
      ['孙桂英', '新华路211弄8号', '1'],
      ['周明', '延安西路1500弄3号1102室', '3'],
    ],
    refuse(['name', 'address'], ['户主', '居住地'])
  ),
  table(
    '住房补贴申请',
    ['姓名', '身份证号码', ''],
    [
      ['吴芳', ids[3].slice(0, 6), ids[3].slice(6)],
      ['郑强', ids[4].slice(0, 6), ids[4].slice(6)],
    ],
    refuse(['name', 'id_number'], ['姓名', '身份证号码', ''])
  ),
  table(
    '项目登记',
    ['编号', '项目', '备注'],
    [
      ['A01', '老旧小区改造', `联系人身份证${ids[5]}`],
      ['A02', '加装电梯', '无'],
    ],
    refuse(['id_number'], ['备注'])
  ),
  table(
    '违停车辆告知',
    ['车主', '车牌号', '违停地点'],
    [
      ['冯军', '沪A·D12345', '愚园路'],
      ['何敏', '沪B 67890', '江苏路'],
    ],
    refuse(['name', 'licence_plate'], ['车主', '车牌号'])
  ),
  table(
    '出国（境）人员登记',
    ['姓名', '护照号码', '前往国家'],
    [
      ['许亮', 'E12345678', '法国'],
      ['曹颖', 'EA7654321', '日本'],
    ],
    refuse(['name', 'passport'], ['姓名', '护照号码'])
  ),
  table(
    '补贴发放明细',
    ['户名', '银行卡号', '金额'],
    [
      ['韩梅', group(cards[0], [4, 4, 4, 4, 3], ' '), '1200.00'],
      ['杨光', cards[1], '800.00'],
    ],
    refuse(['name', 'bank_card'], ['户名', '银行卡号'])
  ),
  table(
    '志愿者名册',
    ['姓名', '电子邮箱', '服务时长'],
    [
      ['宋佳', 'songjia88@163.com', '20'],
      ['唐宁', 'tangning@qq.com', '35'],
    ],
    refuse(['name', 'email'], ['姓名', '电子邮箱'])
  ),
  table(
    '信访事项办理情况',
    ['序号', '日期', '情况说明'],
    [
      ['1', '2024-03-02', '张三，住长宁区某路12弄3号302室，低保户，反映房屋漏水'],
      ['2', '2024-03-05', '反映道路积水，已转办'],
    ],
    refuse(['person_in_text'], ['情况说明'])
  ),
  table(
    '来华人员登记',
    ['序号', '证件编号', '证件类型'],
    [
      ['1', 'C12345678', '往来港澳通行证'],
      ['2', 'L87654321', '大陆居民往来台湾通行证'],
    ],
    refuse(['hk_macau_permit'], ['证件编号'])
  ),
  table(
    '长宁区中小学名录',
    ['学校名称', '地址', '联系电话'],
    [
      ['上海市愚园路第一小学', '愚园路1088号', '021-62521234'],
      ['上海市延安初级中学', '延安西路601号', '13812345678'],
    ],
    refuse(['mobile'], ['联系电话'])
  ),
  table(
    '辖区企业安全生产联系人',
    ['企业名称', '负责人手机', '地址'],
    [
      ['上海某某物流有限公司', '139-1601-2345', '金钟路100号'],
      ['上海某某餐饮管理有限公司', '18621876543', '天山路789号'],
    ],
    refuse(['mobile'], ['负责人手机'])
  ),
  table(
    '旧证换发登记',
    ['身份号码', '换发日期'],
    [
      ['310105850615001', '2024-01-03'],
      ['320102781121356', '2024-01-05'],
    ],
    refuse(['id_number'], ['身份号码'])
  ),
  table(
    '居家养老服务对象',
    ['序号', '家庭住址', '服务类型'],
    [
      ['1', '天山路600弄12号303室', '助餐'],
      ['2', '仙霞路350弄7号602室', '助浴'],
    ],
    refuse(['address'], ['家庭住址'])
  ),
  table(
    '台胞接待登记',
    ['姓名', '台湾居民来往大陆通行证号码'],
    [
      ['林志明', '12345678'],
      ['黄淑芬', '87654321'],
    ],
    refuse(['name', 'taiwan_permit'], ['姓名', '台湾居民来往大陆通行证号码'])
  ),
  table(
    'export_2024',
    ['xm', 'sfzh', 'lxdh'],
    [
      ['张伟', ids[6], '13585858585'],
      ['王磊', ids[7], '15021234567'],
    ],
    refuse(['id_number', 'mobile'], ['xm', 'sfzh', 'lxdh'])
  ),
  table(
    '临时救助对象',
    ['救助对象', '救助类别', '金额'],
    [
      ['张秀兰', '临时救助', '2000'],
      ['李国强', '临时救助', '1500'],
      ['王淑珍', '医疗救助', '3000'],
    ],
    refuse(['name'], ['救助对象'])
  ),
  table(
    '未成年人关爱名单',
    ['监护人', '联系方式', '学校'],
    [
      ['马丽', '186 2187 6543', '上海市天山第一小学'],
      ['高峰', '0086 13916012345', '上海市仙霞高级中学'],
    ],
    refuse(['name', 'mobile'], ['监护人', '联系方式'])
  ),
  table(
    '最低生活保障审核公示',
    ['户主姓名', '所在居委会', '保障人数', '联系电话'],
    [
      ['张三', '天山三村居委会', '2', '13812345678'],
      ['李四', '遵义居委会', '1', '13916012345'],
    ],
    refuse(['mobile'], ['联系电话']),
    {
      fields: [
        {
          name: '户主姓名',
          privacy: { allow: ['name'], reason: '社会救助暂行办法第六十一条：公示期内公示户主姓名' },
        },
      ],
    }
  ),
  table(
    '外籍人员登记',
    ['姓名', '证件号', '国籍'],
    [
      ['JOHN SMITH', 'E56781234', '中国'],
      ['MARIA LOPEZ', 'G23456789', '中国'],
    ],
    refuse(['name', 'passport'], ['姓名', '证件号'])
  ),
  table(
    '公租房配租名单',
    ['申请人', '联系电话', '配租地址'],
    [
      ['钱进', '138.1234.5678', '虹桥路1号'],
      ['孙悦', '013812345679', '虹桥路1号'],
    ],
    refuse(['name', 'mobile'], ['申请人', '联系电话'])
  ),
  table(
    '走访记录',
    ['日期', '走访对象', '记录'],
    [
      ['2024-05-01', '周桂芳', '独居老人，住天山路600弄3号201室，身体尚可'],
      ['2024-05-02', '吴建华', '残疾人，需轮椅'],
    ],
    refuse(['name', 'person_in_text'], ['走访对象', '记录'])
  ),
])

add('table_institutional', [
  table(
    '长宁区中小学名录',
    ['学校名称', '地址', '联系电话', '邮编'],
    [
      ['上海市愚园路第一小学', '愚园路1088号', '021-62521234', '200050'],
      ['上海市延安初级中学', '延安西路601号', '(021)62405678', '200052'],
    ],
    pass
  ),
  table(
    '街道办事处联系方式',
    ['单位', '办公地址', '值班电话', '邮箱'],
    [
      ['江苏路街道办事处', '长宁区愚园路1088号', '021-62520000', 'jslj@shcn.gov.cn'],
      ['华阳路街道办事处', '长宁区长宁路999号', '021 6252 1111', 'hylj@shcn.gov.cn'],
    ],
    pass
  ),
  table(
    '社区卫生服务中心一览',
    ['机构名称', '地址', '电话', '服务时间'],
    [
      ['新泾镇社区卫生服务中心', '剑河路500号', '021-62590000', '08:00-16:30'],
      ['天山路街道社区卫生服务中心', '天山路1059号', '021-62750000转8001', '08:00-20:00'],
    ],
    pass
  ),
  table(
    '企业信用信息',
    ['企业名称', '统一社会信用代码', '注册地址', '法定代表人'],
    [
      ['上海某某物流有限公司', creditCode('91310105MA1FL1234'), '金钟路100号', '张某'],
      ['上海某某科技有限公司', creditCode('91310000132208779'), '天山西路200号', '李某'],
    ],
    pass
  ),
  table(
    '行政许可决定公示',
    ['许可决定书文号', '行政相对人名称', '统一社会信用代码', '许可内容', '决定日期'],
    [
      [
        '长市监许〔2024〕12号',
        '上海某某餐饮有限公司',
        creditCode('91310105MA1K12345'),
        '食品经营许可',
        '2024-03-01',
      ],
      [
        '长市监许〔2024〕13号',
        '上海某某超市有限公司',
        creditCode('91310105MA1K54321'),
        '食品经营许可',
        '2024-03-02',
      ],
    ],
    pass
  ),
  table(
    '个体工商户名录',
    ['字号名称', '注册号', '成立日期'],
    [
      ['长宁区某某小吃店', regNo('31010560012345'), '2010-05-01'],
      ['长宁区某某便利店', regNo('31010560054321'), '2012-08-15'],
    ],
    pass
  ),
  table(
    '2024年项目预算',
    ['项目', '预算金额（元）'],
    [
      ['轨道交通建设', 13812345678],
      ['保障性住房', 15900000000],
    ],
    pass
  ),
  table(
    '政府信息公开受理点',
    ['部门', '受理地址', '受理电话', '电子邮箱'],
    [
      ['区政府办公室', '愚园路1320号', '021-22050000', 'xxgk@shcn.gov.cn'],
      ['区民政局', '愚园路1320号', '021-22050800', 'mzj_xxgk@shcn.gov.cn'],
    ],
    pass
  ),
  table(
    '便民服务网点',
    ['网点名称', '地址', '咨询电话'],
    [
      ['江苏路街道社区事务受理服务中心', '愚园路1088号101室', '021-62525555'],
      ['虹桥街道党群服务中心', '虹桥路1号2楼201室', '021-62090000'],
    ],
    pass
  ),
  table(
    '长宁区幼儿园名单',
    ['园所名称', '办园性质', '地址', '电话'],
    [
      ['上海市长宁区愚园路幼儿园', '公办', '愚园路200弄3号', '62521000'],
      ['上海市长宁区天山幼儿园', '公办', '天山路100号', '62751234'],
    ],
    pass
  ),
  table(
    '养老机构名录',
    ['机构名称', '床位数', '地址', '联系电话'],
    [
      ['长宁区某某养老院', '120', '金钟路200号', '021-62391234'],
      ['长宁区某某长者照护之家', '45', '天山西路300弄5号', '021-52181234'],
    ],
    pass
  ),
  table(
    '12345热线月度统计',
    ['月份', '受理量', '办结率'],
    [
      ['2024-01', '12345', '98.5%'],
      ['2024-02', '11876', '99.1%'],
    ],
    pass
  ),
  table(
    '公交线路',
    ['线路', '起点站', '终点站', '首末班'],
    [
      ['71路', '延安东路外滩', '申昆路枢纽站', '05:30-23:00'],
      ['88路', '中山公园', '虹桥火车站', '06:00-22:30'],
    ],
    pass
  ),
  table(
    '公共停车场',
    ['停车场名称', '地址', '泊位数', '收费标准'],
    [
      ['中山公园停车场', '长宁路780号', '300', '10元/小时'],
      ['天山公园停车场', '天山路500号', '120', '5元/小时'],
    ],
    pass
  ),
  table(
    '辖区医院',
    ['医院名称', '等级', '地址', '总机'],
    [
      ['上海市同仁医院', '三级乙等', '仙霞路1111号', '021-52039999'],
      ['长宁区妇幼保健院', '二级甲等', '武夷路786号', '021-62526000'],
    ],
    pass
  ),
  table(
    '居委会联系方式',
    ['居委会名称', '办公地址', '电话', '所属街道'],
    [
      ['天山三村居委会', '天山路600弄1号', '021-62591234', '天山路街道'],
      ['遵义居委会', '遵义路100弄2号', '021-62096789', '虹桥街道'],
    ],
    pass
  ),
  table(
    '道路名录',
    ['道路名称', '起讫点', '长度（米）'],
    [
      ['愚园路', '江苏路至常德路', '2780'],
      ['天山路', '娄山关路至古北路', '3150'],
    ],
    pass
  ),
  table(
    '2024年一般公共预算支出',
    ['科目编码', '科目名称', '金额（万元）'],
    [
      ['2010301', '行政运行', '12345.67'],
      ['2080201', '行政运行', '8765.43'],
    ],
    pass
  ),
  table(
    '政府信息公开目录',
    ['索引号', '文号', '标题', '发布日期'],
    [
      ['002412345/2024-00012', '长府发〔2024〕12号', '关于印发某某方案的通知', '2024-03-01'],
      ['002412345/2024-00013', '长府办〔2024〕5号', '关于某某工作的通知', '2024-03-05'],
    ],
    pass
  ),
  table(
    '2024年度长宁区行政事业单位名单',
    ['序号', '名称', '地址', '邮箱', '电话'],
    [
      ['1', '长宁区档案馆', '长宁路599号', 'dag@shcn.gov.cn', '021-62401234'],
      ['2', '长宁区图书馆', '长宁路1号', 'info@cnlib.org.cn', '021-52181111'],
    ],
    pass
  ),
  table(
    '各街道人口情况',
    ['街道', '户籍人口', '常住人口', '居住人口密度'],
    [
      ['江苏路街道', '52341', '61234', '3.2'],
      ['新华路街道', '71234', '80123', '2.8'],
    ],
    pass
  ),
  table(
    '办事指南',
    ['事项名称', '办理地点', '咨询电话', '办理时限'],
    [
      ['低保申请', '户籍地街道社区事务受理服务中心', '12345', '30个工作日'],
      ['廉租住房申请', '区住房保障中心', '021-62121234', '20个工作日'],
    ],
    pass
  ),
  table(
    '学校招生咨询',
    ['学校', '招生咨询电话', '招生邮箱'],
    [
      ['上海市天山中学', '021-62591111', 'zhaosheng@tszx.sh.cn'],
      ['上海市复旦中学', '021-62192222', 'zs@fudanzx.edu.cn'],
    ],
    pass
  ),
  table(
    '已脱敏的救助名单',
    ['姓名', '身份证号', '手机'],
    [
      ['张*', '310***********0011', '138****5678'],
      ['李**', '320***********356X', '139****2345'],
    ],
    pass,
    {
      fields: [
        { name: '姓名', mask: { type: 'name' } },
        { name: '身份证号', mask: { type: 'id_number' } },
        { name: '手机', mask: { type: 'mobile' } },
      ],
    }
  ),
])

// ---- write -------------------------------------------------------------------------------------
for (const half of ['tuning', 'held-out'])
  rmSync(join(here, half), { recursive: true, force: true })
const counters = new Map()
for (const c of cases) {
  const key = `${c.half}/${c.class}`
  const n = (counters.get(key) ?? 0) + 1
  counters.set(key, n)
  const dir = join(here, c.half, c.class)
  mkdirSync(dir, { recursive: true })
  const { half: _half, ...body } = c
  writeFileSync(
    join(dir, `${String(n).padStart(2, '0')}.json`),
    `${JSON.stringify(body, null, 2)}\n`
  )
}
console.log(`${cases.length} cases written`)
