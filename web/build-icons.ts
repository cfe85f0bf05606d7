/**
 * The installed app's icons, drawn at build time (no third-party artwork): a white map pin on
 * the page's brand blue, as PNGs encoded here with node:zlib. The maskable icon keeps the pin
 * inside the central 80 % circle that launchers may crop to. Example:
 * `pngIcon(192, false)` → the bytes of a 192 × 192 PNG.
 */
import { deflateSync } from 'node:zlib'

/** --brand in web/src/styles.css. */
export const ICON_BACKGROUND: [number, number, number] = [0x0b, 0x53, 0x94]
const PIN: [number, number, number] = [0xff, 0xff, 0xff]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(data: Buffer): number {
  let c = 0xffffffff
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

/** An RGB PNG from `size × size` pixels (3 bytes each, row by row). */
export function encodePng(size: number, rgb: Uint8Array): Buffer {
  const rows = Buffer.alloc(size * (size * 3 + 1))
  for (let y = 0; y < size; y++) {
    rows[y * (size * 3 + 1)] = 0 // filter: none
    rows.set(rgb.subarray(y * size * 3, (y + 1) * size * 3), y * (size * 3 + 1) + 1)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))])
}

/** Whether (x, y), in units of the icon's side, is on the pin: a round head with a hole, tapering to a point, centred. */
function onPin(x: number, y: number, scale: number): boolean {
  const r = 0.2 * scale
  const reach = 2.3 * r // head centre to tip
  const cx = 0.5
  const cy = 0.5 - (reach - r) / 2
  const dx = x - cx
  const dy = y - cy
  const d2 = dx * dx + dy * dy
  if (d2 < (0.42 * r) ** 2) return false
  if (d2 <= r * r) return true
  // The point: inside the cone from the tip that touches the head, below where it touches.
  const tipY = cy + reach
  if (y > tipY || y < cy + (r * r) / reach) return false
  const halfAngle = Math.asin(r / reach)
  return Math.abs(dx) <= (tipY - y) * Math.tan(halfAngle)
}

/** A square icon; `maskable` shrinks the pin into the launcher's safe zone. */
export function pngIcon(size: number, maskable: boolean): Buffer {
  const scale = maskable ? 0.75 : 1
  const samples = 4
  const rgb = new Uint8Array(size * size * 3)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) if (onPin((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, scale)) hits++
      const a = hits / (samples * samples)
      for (let c = 0; c < 3; c++) rgb[(py * size + px) * 3 + c] = Math.round((PIN[c] as number) * a + (ICON_BACKGROUND[c] as number) * (1 - a))
    }
  }
  return encodePng(size, rgb)
}
