// Just enough PNG, with node:zlib only: encode an RGBA image (for the app icon generator) and inspect one (for the
// pack check), so the repository needs no image library to make or check its icon.
import { deflateSync, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** 8-bit RGBA, non-interlaced; `rgba` holds width × height × 4 bytes, row by row. */
export function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filtering, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter "none": the icon is mostly flat colour, deflate does the rest
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Size and colour type of a PNG, and every structural problem found (signature, chunk CRCs, image data). */
export function inspectPng(bytes) {
  const problems = [];
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(SIGNATURE)) return { problems: ['not a PNG file'] };
  let offset = 8;
  let header = null;
  const idat = [];
  let ended = false;
  while (offset + 12 <= bytes.length && !ended) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > bytes.length) {
      problems.push(`chunk ${type} runs past the end of the file`);
      break;
    }
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== bytes.readUInt32BE(offset + 8 + length))
      problems.push(`chunk ${type} has a bad CRC`);
    if (type === 'IHDR')
      header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), bitDepth: data[8], colorType: data[9] };
    if (type === 'IDAT') idat.push(data);
    if (type === 'IEND') ended = true;
    offset = end;
  }
  if (!header) return { problems: [...problems, 'no IHDR chunk'] };
  if (!ended) problems.push('no IEND chunk');
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[header.colorType];
  if (header.bitDepth !== 8 || channels === undefined)
    problems.push(`unsupported bit depth ${header.bitDepth} / colour type ${header.colorType}`);
  else {
    try {
      const expected = (header.width * channels + 1) * header.height;
      const got = inflateSync(Buffer.concat(idat)).length;
      if (got !== expected) problems.push(`image data is ${got} bytes, ${expected} expected`);
    } catch (error) {
      problems.push(`image data does not inflate: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { width: header.width, height: header.height, colorType: header.colorType, problems };
}
