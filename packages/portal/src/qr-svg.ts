import { escapeXml } from '@gongkai/text'
import qrcode from 'qrcode-generator'

/**
 * A QR code of `text` as an SVG string (one path, 4-module quiet zone), with a text alternative.
 * Error correction M survives a printed sheet's creases and dirt without growing too large.
 * @example qrSvg('https://example.gov.cn/committees/x/records/1', '扫码查看本公示')
 */
export function qrSvg(text: string, alt: string): string {
  const qr = qrcode(0, 'M')
  // URLs are ASCII, but Chinese text must be encoded as UTF-8 bytes, not the default Shift_JIS.
  qr.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte')
  qr.make()
  const n = qr.getModuleCount()
  const quiet = 4
  const size = n + quiet * 2
  let d = ''
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${size} ${size}" role="img" aria-label="${escapeXml(alt)}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
}
