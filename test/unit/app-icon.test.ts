// The app icon: build/icon.png is a valid 1024×1024 RGBA PNG, byte-for-byte what scripts/make-icon.mjs draws (and
// build/icon.svg the same shapes), and the PNG inspector the pack check relies on does catch a broken file.
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ICON_SIZE, iconPng, iconSvg, renderIcon } from '../../scripts/make-icon.mjs';
import { encodePng, inspectPng } from '../../scripts/png.mjs';

const BUILD = fileURLToPath(new URL('../../build/', import.meta.url));

describe('app icon', () => {
  it('build/icon.png is a valid 1024×1024 RGBA PNG, exactly what the generator draws', async () => {
    const committed = await readFile(`${BUILD}icon.png`);
    expect(inspectPng(committed)).toEqual({ width: 1024, height: 1024, colorType: 6, problems: [] });
    expect(ICON_SIZE).toBe(1024);
    expect(committed.equals(iconPng()), 'run `node scripts/make-icon.mjs`').toBe(true);
    expect(await readFile(`${BUILD}icon.svg`, 'utf8')).toBe(iconSvg());
  });

  it('draws the shapes: transparent corners, the teal square, the bubble and its dots', () => {
    const size = 128;
    const pixels = renderIcon(size);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(16, 64)).toEqual([0x1f, 0x5f, 0x5b, 255]); // the square
    expect(at(64, 40)).toEqual([0xf7, 0xf7, 0xf5, 255]); // the bubble
    expect(at(64, 59)).toEqual([0x1f, 0x5f, 0x5b, 255]); // the middle dot
    // Edges are anti-aliased: across the dots some pixels blend teal and paper.
    const dotRow = Array.from({ length: size }, (_, x) => at(x, 59));
    expect(dotRow.some(([r]) => r! > 0x1f && r! < 0xf7)).toBe(true);
  });

  it('the inspector decodes what the encoder wrote, and catches a bad CRC, a truncated file and a non-PNG', () => {
    const rgba = Buffer.alloc(3 * 2 * 4, 0x7f);
    const png = encodePng(3, 2, rgba);
    expect(inspectPng(png)).toEqual({ width: 3, height: 2, colorType: 6, problems: [] });
    // The scanlines round-trip: one filter byte then the row.
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
    expect(inflateSync(idat)).toEqual(Buffer.from([0, ...rgba.subarray(0, 12), 0, ...rgba.subarray(12)]));

    const corrupt = Buffer.from(png);
    corrupt[png.indexOf('IDAT') + 6]! ^= 0xff;
    expect(inspectPng(corrupt).problems).toContain('chunk IDAT has a bad CRC');
    expect(inspectPng(png.subarray(0, png.length - 20)).problems.length).toBeGreaterThan(0);
    expect(inspectPng(Buffer.from('GIF89a not a png at all, but long enough')).problems).toEqual(['not a PNG file']);
  });
});
