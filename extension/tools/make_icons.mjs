// Draws the extension's PNG icons (icons/icon-<size>.png): an arched gate — a postern — on a
// rounded square. MV3 action icons must be raster images, and drawing them in code keeps the
// source reviewable and the repo free of binary tools. Run: node tools/make_icons.mjs
// (the PNGs are committed; this only needs rerunning when the drawing changes).

import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZES = [16, 32, 48, 128];
const BACKGROUND = [31, 95, 139];
const GATE = [255, 255, 255];
const HANDLE = [31, 95, 139];
const SUPERSAMPLE = 4; // 4x4 samples per pixel for smooth edges

// Which colour covers the point (x, y) of the unit square, or null for transparent.
function colourAt(x, y) {
  const corner = 0.2;
  const cx = Math.min(Math.max(x, corner), 1 - corner);
  const cy = Math.min(Math.max(y, corner), 1 - corner);
  if ((x - cx) ** 2 + (y - cy) ** 2 > corner ** 2) return null; // outside the rounded square
  const inDoorBody = x >= 0.3 && x <= 0.7 && y >= 0.42 && y <= 0.84;
  const inDoorArch = (x - 0.5) ** 2 + (y - 0.42) ** 2 <= 0.2 ** 2 && y <= 0.42;
  if ((x - 0.6) ** 2 + (y - 0.62) ** 2 <= 0.045 ** 2) return HANDLE;
  if (inDoorBody || inDoorArch) return GATE;
  return BACKGROUND;
}

function render(size) {
  const rgba = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const colour = colourAt((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!colour) continue;
          sum[0] += colour[0]; sum[1] += colour[1]; sum[2] += colour[2]; sum[3] += 255;
        }
      }
      const covered = sum[3] / 255;
      const at = (py * size + px) * 4;
      rgba[at + 3] = Math.round(sum[3] / SUPERSAMPLE ** 2);
      for (let c = 0; c < 3; c++) rgba[at + c] = covered ? Math.round(sum[c] / covered) : 0;
    }
  }
  return rgba;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1)); // each row: filter byte 0 (none), pixels
  for (let y = 0; y < size; y++) Buffer.from(rgba.subarray(y * size * 4, (y + 1) * size * 4)).copy(rows, y * (size * 4 + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(rows, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const iconDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'icons');
mkdirSync(iconDir, { recursive: true });
for (const size of SIZES) writeFileSync(join(iconDir, `icon-${size}.png`), encodePng(size, render(size)));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${iconDir}`);
