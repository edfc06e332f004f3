import type { FeeLine } from '@gongkai/cases'
import { perRequestMonthFee, perRequestUnitYuan, perVolumeFee } from '@gongkai/cases'
import { TableRegion } from './layout.js'

// The tariff is never typed here: every band and price comes from @gongkai/cases, the functions
// the requests themselves are charged with (国办函〔2020〕109号, domain.md §15.2).

const price = (l: FeeLine, unit: string) =>
  l.unitYuan === 0 ? '免费' : `每${unit} ${l.unitYuan} 元`

/**
 * The 信息处理费 tables (按件, 按量) from the fee functions of @gongkai/cases, with a worked example.
 * `id` prefixes the captions' ids so the component can appear once per page.
 */
export function FeeRules(props: { id: string }) {
  // Enough requests to show the first stepped bands; the step itself is read off the tariff.
  const byRequest = perRequestMonthFee(50).lines
  const last = byRequest[byRequest.length - 1] as FeeLine
  const step = last.to - last.from + 1
  const increase = perRequestUnitYuan(last.to + 1) - last.unitYuan
  // A request of 201 pages reaches every per-page band; the last one is open-ended.
  const byVolume = perVolumeFee(201).lines
  const example = perVolumeFee(150)
  return (
    <>
      <p>
        依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以收取信息处理费（《中华人民共和国政府信息公开条例》第四十二条）。按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），按件或按量计收，二者只选其一，均超额累进：
      </p>
      <TableRegion labelledBy={`${props.id}-request`}>
        <table>
          <caption id={`${props.id}-request`}>
            按件计收（同一申请人一个自然月内累计的申请件数）
          </caption>
          <thead>
            <tr>
              <th scope="col">件数</th>
              <th scope="col">标准</th>
            </tr>
          </thead>
          <tbody>
            {byRequest.map((l) => (
              <tr>
                <th scope="row">{`第 ${l.from}–${l.to} 件`}</th>
                <td>{price(l, '件')}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{`第 ${last.to + 1} 件起`}</th>
              <td>{`每 ${step} 件为一档，每档每件比上一档多 ${increase} 元`}</td>
            </tr>
          </tbody>
        </table>
      </TableRegion>
      <TableRegion labelledBy={`${props.id}-volume`}>
        <table>
          <caption id={`${props.id}-volume`}>按量计收（同一申请的页数）</caption>
          <thead>
            <tr>
              <th scope="col">页数</th>
              <th scope="col">标准</th>
            </tr>
          </thead>
          <tbody>
            {byVolume.map((l, i) => (
              <tr>
                <th scope="row">
                  {i === byVolume.length - 1 ? `第 ${l.from} 页起` : `第 ${l.from}–${l.to} 页`}
                </th>
                <td>{price(l, '页')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p>
        {`例如：一件申请提供 150 页，收费 ${example.lines
          .filter((l) => l.amountYuan > 0)
          .map((l) => `${l.count} 页 × ${l.unitYuan} 元`)
          .join(
            ' + '
          )} = ${example.totalYuan} 元。收费前会书面通知申请人并说明理由；等待缴费的时间不计入答复期限。`}
      </p>
    </>
  )
}
