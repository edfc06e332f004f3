// The site's icon: a white 公 mark on the header's red. As an SVG for browsers that take one, and
// as a 32 × 32 ICO (built here, in memory) for `/favicon.ico`, which clients and crawlers ask for
// without reading the page.

const RED = [0x9b, 0x1c, 0x1c] as const

/** The icon as SVG, served at `/assets/favicon.svg`. */
export const faviconSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#9b1c1c"/><path d="M11 7 5 17M21 7l6 10M15 15l-6 10h14l-4-5" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`

/** Whether pixel (x, y) of the 32 × 32 mark is white: the same strokes as the SVG, thickened. */
function white(x: number, y: number): boolean {
  const near = (ax: number, ay: number, bx: number, by: number) => {
    const dx = bx - ax
    const dy = by - ay
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
    return Math.hypot(ax + t * dx - x, ay + t * dy - y) <= 1.6
  }
  return (
    near(11, 7, 5, 17) ||
    near(21, 7, 27, 17) ||
    near(15, 15, 9, 25) ||
    near(9, 25, 23, 25) ||
    near(23, 25, 19, 20)
  )
}

/** The icon as a 32 × 32, 32-bit ICO (one BMP image), served at `/favicon.ico`. */
export const faviconIco: Uint8Array<ArrayBuffer> = (() => {
  const size = 32
  const pixels = size * size * 4
  const mask = size * 4 // 1 bit per pixel, rows padded to 4 bytes: all 0 (alpha decides)
  const image = 40 + pixels + mask
  const buf = Buffer.alloc(6 + 16 + image)
  buf.writeUInt16LE(0, 0)
  buf.writeUInt16LE(1, 2) // type: icon
  buf.writeUInt16LE(1, 4) // one image
  buf.writeUInt8(size, 6)
  buf.writeUInt8(size, 7)
  buf.writeUInt16LE(1, 10) // planes
  buf.writeUInt16LE(32, 12) // bits per pixel
  buf.writeUInt32LE(image, 14)
  buf.writeUInt32LE(22, 18)
  // BITMAPINFOHEADER: the height counts the XOR image and the AND mask.
  buf.writeUInt32LE(40, 22)
  buf.writeInt32LE(size, 26)
  buf.writeInt32LE(size * 2, 30)
  buf.writeUInt16LE(1, 34)
  buf.writeUInt16LE(32, 36)
  buf.writeUInt32LE(pixels + mask, 42)
  let o = 62
  // Rows bottom-up, pixels as BGRA.
  for (let y = size - 1; y >= 0; y--) {
    for (let x = 0; x < size; x++) {
      const [r, g, b] = white(x + 0.5, y + 0.5) ? [255, 255, 255] : RED
      buf[o++] = b
      buf[o++] = g
      buf[o++] = r
      buf[o++] = 255
    }
  }
  return new Uint8Array(buf)
})()
