/**
 * Draws the extension's toolbar icon (a cookie: a round biscuit with chips) as a PNG of any size,
 * with Node's zlib only, so the build needs no image tool.
 *
 * @example writeFileSync('icon-48.png', iconPng(48));
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const CHIPS: Array<[number, number]> = [[0.35, 0.35], [0.62, 0.3], [0.4, 0.65], [0.68, 0.6], [0.52, 0.48]];

export function iconPng(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const r = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const at = y * (size * 4 + 1) + 1 + x * 4;
      const d = Math.hypot(x - r, y - r);
      const chip = CHIPS.some(([cx, cy]) => Math.hypot(x / size - cx, y / size - cy) < 0.08);
      const inside = d <= r;
      const [R, G, B] = chip ? [92, 52, 24] : [214, 158, 72];
      raw[at] = R; raw[at + 1] = G; raw[at + 2] = B;
      raw[at + 3] = inside ? 255 : 0;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; header[9] = 6; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}
