// Traditional → simplified for the common characters of government texts and everyday queries.
// Pairs follow the 简化字总表 (1986) and the 通用规范汉字表 (2013); only one-to-one mappings are
// listed (a traditional character with several simplified readings, e.g. 乾/干, is left alone so
// a query is never rewritten into a different word).
const PAIRS =
  '開开 資资 訊讯 報报 補补 貼贴 齡龄 標标 準准 請请 機机 構构 養养 醫医 療疗 險险 們们 個个 學学 區区 ' +
  '務务 費费 預预 決决 經经 濟济 適适 問问 題题 辦办 證证 書书 業业 農农 衛卫 環环 護护 產产 稅税 價价 ' +
  '統统 計计 數数 據据 勞劳 動动 發发 單单 號号 關关 於于 規规 範范 條条 例例 與与 實实 據据 處处 ' +
  '們们 這这 過过 還还 進进 運运 達达 遠远 違违 連连 選选 遷迁 邊边 鄉乡 鎮镇 縣县 員员 廳厅 廣广 ' +
  '廢废 應应 張张 當当 會会 傳传 體体 備备 優优 儲储 價价 兒儿 黨党 內内 兩两 冊册 劃划 創创 劑剂 ' +
  '務务 勵励 勢势 匯汇 協协 參参 雙双 變变 敘叙 臺台 號号 員员 問问 啟启 圖图 團团 園园 圍围 國国 ' +
  '場场 壞坏 壓压 墾垦 壯壮 複复 夠够 夢梦 奮奋 婦妇 媽妈 孫孙 寧宁 實实 審审 寫写 寬宽 對对 導导 ' +
  '將将 屆届 屬属 層层 島岛 嶺岭 幣币 幫帮 庫库 彈弹 從从 復复 徵征 徹彻 戶户 戰战 擔担 據据 掃扫 ' +
  '採采 換换 損损 搶抢 擇择 擊击 擁拥 擬拟 擴扩 攝摄 收收 敗败 敵敌 斷断 時时 晉晋 暫暂 曆历 曉晓 ' +
  '書书 會会 東东 條条 來来 楊杨 極极 樂乐 樓楼 樣样 橋桥 檢检 檔档 權权 歲岁 歷历 歸归 殘残 殺杀 ' +
  '氣气 漢汉 測测 溫温 湯汤 滅灭 滿满 漁渔 潔洁 灣湾 災灾 為为 無无 熱热 營营 爭争 爾尔 牆墙 狀状 ' +
  '獎奖 獨独 現现 環环 瑪玛 產产 畢毕 畫画 異异 當当 療疗 發发 盡尽 監监 盤盘 確确 礎础 禮礼 禍祸 ' +
  '種种 稱称 穩稳 窮穷 競竞 筆笔 築筑 節节 範范 簡简 糧粮 緊紧 約约 紀纪 級级 納纳 純纯 紙纸 組组 ' +
  '結结 給给 絡络 統统 絕绝 經经 綜综 綠绿 維维 網网 緣缘 線线 編编 緩缓 練练 縣县 總总 績绩 織织 ' +
  '繳缴 續续 罰罚 羅罗 義义 習习 聯联 聲声 聽听 職职 肅肃 脅胁 腦脑 腳脚 興兴 舉举 舊旧 艱艰 藝艺 ' +
  '節节 葉叶 薦荐 藥药 蘇苏 處处 號号 術术 衛卫 補补 裝装 製制 複复 規规 視视 覽览 親亲 觀观 覺觉 ' +
  '計计 訂订 認认 討讨 讓让 訓训 記记 許许 設设 訪访 診诊 評评 詞词 試试 詳详 誌志 語语 誤误 說说 ' +
  '課课 調调 談谈 請请 論论 諮咨 謀谋 講讲 謝谢 識识 證证 議议 護护 讀读 變变 貧贫 責责 貨货 販贩 ' +
  '貸贷 貿贸 賀贺 資资 賣卖 賠赔 質质 購购 贊赞 趕赶 車车 軍军 軟软 較较 載载 輔辅 輕轻 輸输 辦办 ' +
  '農农 邊边 遞递 郵邮 鄰邻 醫医 釋释 針针 鈔钞 銀银 銷销 鋼钢 錢钱 錄录 鍵键 鎮镇 鐵铁 長长 門门 ' +
  '閉闭 問问 間间 閱阅 闆板 隊队 階阶 際际 陳陈 險险 隨随 隱隐 雜杂 難难 電电 靈灵 順顺 須须 預预 ' +
  '領领 頻频 題题 額额 顧顾 風风 飛飞 飯饭 飲饮 館馆 馬马 駕驾 驗验 體体 髮发 魚鱼 鳥鸟 點点 齊齐 ' +
  '龍龙 龜龟 臨临 麼么 傷伤 億亿 價价 倉仓 偽伪 傳传 債债 僅仅 儀仪 億亿 優优 償偿 歐欧 殯殡 喪丧 ' +
  '廠厂 區区 華华 協协 莊庄 陸陆 陽阳 隸隶 雞鸡 離离 飢饥 飼饲 疾疾 癥症 瘧疟 療疗 癒愈 禦御 貪贪 ' +
  '賦赋 賬账 賴赖 趨趋 躍跃 軌轨 輛辆 轄辖 轉转 辭辞 遼辽 遺遗 鄭郑 醜丑 鑑鉴 鑒鉴 閩闽 陝陕 '

const TO_SIMPLIFIED = new Map<number, number>()
for (const pair of PAIRS.split(' ')) {
  const [t, s] = Array.from(pair)
  if (t && s && t !== s) TO_SIMPLIFIED.set(t.codePointAt(0) as number, s.codePointAt(0) as number)
}

/** The simplified form of a traditional code point, or the code point itself. */
export function simplify(cp: number): number {
  return TO_SIMPLIFIED.get(cp) ?? cp
}
