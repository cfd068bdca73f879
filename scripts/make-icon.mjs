#!/usr/bin/env node
// Draws the app icon (a chat bubble on a rounded teal square) into build/icon.png (1024×1024, which electron-builder
// uses for Linux and converts for macOS and Windows) and build/icon.svg, both from one list of shapes so they
// cannot drift apart. Run `node scripts/make-icon.mjs` after changing a shape; a unit test checks the PNG matches.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png.mjs';

export const ICON_SIZE = 1024;
const TEAL = '#1f5f5b';
const PAPER = '#f7f7f5';

/** In a 1024-unit square, painted in order. */
export const SHAPES = Object.freeze([
  { kind: 'rect', x: 64, y: 64, width: 896, height: 896, radius: 192, fill: TEAL },
  { kind: 'rect', x: 224, y: 272, width: 576, height: 400, radius: 112, fill: PAPER },
  { kind: 'triangle', points: [336, 600, 336, 800, 528, 648], fill: PAPER },
  { kind: 'circle', cx: 372, cy: 472, r: 46, fill: TEAL },
  { kind: 'circle', cx: 512, cy: 472, r: 46, fill: TEAL },
  { kind: 'circle', cx: 652, cy: 472, r: 46, fill: TEAL },
]);

export function iconSvg() {
  const body = SHAPES.map((s) => {
    if (s.kind === 'rect') {
      const { x, y, width, height, radius, fill } = s;
      return `  <rect x="${x}" y="${y}" width="${width}" height="${height}" rx="${radius}" fill="${fill}"/>`;
    }
    if (s.kind === 'circle') return `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`;
    const p = s.points;
    return `  <polygon points="${p[0]},${p[1]} ${p[2]},${p[3]} ${p[4]},${p[5]}" fill="${s.fill}"/>`;
  });
  const viewBox = `viewBox="0 0 ${ICON_SIZE} ${ICON_SIZE}"`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${ICON_SIZE}" height="${ICON_SIZE}" ${viewBox}>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function contains(shape, x, y) {
  switch (shape.kind) {
    case 'rect': {
      const { x: x0, y: y0, width, height, radius: r } = shape;
      if (x < x0 || y < y0 || x > x0 + width || y > y0 + height) return false;
      const dx = Math.max(x0 + r - x, 0, x - (x0 + width - r));
      const dy = Math.max(y0 + r - y, 0, y - (y0 + height - r));
      return dx * dx + dy * dy <= r * r;
    }
    case 'circle':
      return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
    case 'triangle': {
      const [ax, ay, bx, by, cx, cy] = shape.points;
      const side = (px, py, qx, qy) => (qx - px) * (y - py) - (qy - py) * (x - px);
      const d1 = side(ax, ay, bx, by);
      const d2 = side(bx, by, cx, cy);
      const d3 = side(cx, cy, ax, ay);
      return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
    }
    default:
      throw new Error(`unknown shape ${shape.kind}`);
  }
}

function bounds(shape) {
  if (shape.kind === 'rect') return [shape.x, shape.y, shape.x + shape.width, shape.y + shape.height];
  if (shape.kind === 'circle') return [shape.cx - shape.r, shape.cy - shape.r, shape.cx + shape.r, shape.cy + shape.r];
  const xs = shape.points.filter((_, i) => i % 2 === 0);
  const ys = shape.points.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** RGBA pixels, each edge pixel covered by a 4×4 grid of samples so the shapes are anti-aliased. */
export function renderIcon(size = ICON_SIZE) {
  const scale = ICON_SIZE / size;
  const GRID = 4;
  const shapes = SHAPES.map((s) => ({ shape: s, colour: rgb(s.fill), box: bounds(s) }));
  const pixels = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      // Premultiplied "over", one opaque colour per shape with its coverage as alpha.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (const { shape, colour, box } of shapes) {
        const x0 = px * scale;
        const y0 = py * scale;
        if (x0 + scale < box[0] || y0 + scale < box[1] || x0 > box[2] || y0 > box[3]) continue;
        let hits = 0;
        for (let sy = 0; sy < GRID; sy += 1)
          for (let sx = 0; sx < GRID; sx += 1)
            if (contains(shape, x0 + ((sx + 0.5) / GRID) * scale, y0 + ((sy + 0.5) / GRID) * scale)) hits += 1;
        const cover = hits / (GRID * GRID);
        if (cover === 0) continue;
        r = colour[0] * cover + r * (1 - cover);
        g = colour[1] * cover + g * (1 - cover);
        b = colour[2] * cover + b * (1 - cover);
        a = cover + a * (1 - cover);
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
        pixels[i + 3] = Math.round(a * 255);
      }
    }
  }
  return pixels;
}

export function iconPng(size = ICON_SIZE) {
  return encodePng(size, size, renderIcon(size));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const buildDir = fileURLToPath(new URL('../build/', import.meta.url));
  mkdirSync(buildDir, { recursive: true });
  writeFileSync(path.join(buildDir, 'icon.png'), iconPng());
  writeFileSync(path.join(buildDir, 'icon.svg'), iconSvg());
  console.log(`wrote ${path.join(buildDir, 'icon.png')} and icon.svg (${ICON_SIZE}×${ICON_SIZE})`);
}
