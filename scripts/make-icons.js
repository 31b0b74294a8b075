// Regenerates assets/icon-{16,32,64,80,128}.png: a faceted white gem on a teal rounded square.
// Dependency-free (zlib + a hand-written PNG encoder) so it runs on a machine without ImageMagick.
// Usage: node scripts/make-icons.js
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const OUT_DIR = path.resolve(__dirname, "../assets");
const SAMPLES = 8; // 8x8 supersampling per pixel for anti-aliased edges

// Shapes in unit coordinates (0..1, y down). Later facets paint over earlier ones.
const girdleL = [0.17, 0.43];
const girdleR = [0.83, 0.43];
const tableL = [0.32, 0.27];
const tableR = [0.68, 0.27];
const innerL = [0.4, 0.43];
const innerR = [0.6, 0.43];
const culet = [0.5, 0.81];
const FACETS = [
  { poly: [girdleL, tableL, innerL], rgb: [0xd9, 0xf7, 0xf1] },
  { poly: [tableL, tableR, innerR, innerL], rgb: [0xff, 0xff, 0xff] },
  { poly: [tableR, girdleR, innerR], rgb: [0xb5, 0xe9, 0xdf] },
  { poly: [girdleL, innerL, culet], rgb: [0xc4, 0xef, 0xe6] },
  { poly: [innerL, innerR, culet], rgb: [0xea, 0xfb, 0xf7] },
  { poly: [innerR, girdleR, culet], rgb: [0x8f, 0xd8, 0xcb] },
];

function insideConvex(poly, x, y) {
  let sign = 0;
  for (let i = 0; i < poly.length; i++) {
    const [x1, y1] = poly[i];
    const [x2, y2] = poly[(i + 1) % poly.length];
    const cross = (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1);
    if (cross !== 0) {
      if (sign === 0) sign = Math.sign(cross);
      else if (Math.sign(cross) !== sign) return false;
    }
  }
  return true;
}

function insideRoundedSquare(x, y, margin, radius) {
  const lo = margin + radius;
  const hi = 1 - margin - radius;
  const cx = Math.min(Math.max(x, lo), hi);
  const cy = Math.min(Math.max(y, lo), hi);
  return (
    (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 &&
    x >= margin &&
    x <= 1 - margin &&
    y >= margin &&
    y <= 1 - margin
  );
}

// Colour (RGBA, straight alpha) of one sample point, or null when transparent.
function sample(x, y) {
  if (!insideRoundedSquare(x, y, 0.02, 0.19)) return null;
  for (let i = FACETS.length - 1; i >= 0; i--) {
    if (insideConvex(FACETS[i].poly, x, y)) return FACETS[i].rgb;
  }
  // Diagonal teal gradient background.
  const t = (x + y) / 2;
  const from = [0x14, 0x8f, 0x86];
  const to = [0x0b, 0x4f, 0x5c];
  return from.map((c, k) => Math.round(c + (to[k] - c) * t));
}

function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        covered = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const rgb = sample(
            (px + (sx + 0.5) / SAMPLES) / size,
            (py + (sy + 0.5) / SAMPLES) / size
          );
          if (rgb) {
            r += rgb[0];
            g += rgb[1];
            b += rgb[2];
            covered++;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (covered > 0) {
        pixels[o] = Math.round(r / covered);
        pixels[o + 1] = Math.round(g / covered);
        pixels[o + 2] = Math.round(b / covered);
        pixels[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  // Each scanline starts with filter type 0 (none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++)
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(OUT_DIR, { recursive: true });
for (const size of SIZES) {
  const file = path.join(OUT_DIR, `icon-${size}.png`);
  fs.writeFileSync(file, encodePng(size, render(size)));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
