import { randomBytes, randomInt } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

// Real PNGs a browser decodes (unlike the signature-only files of test/support/evidence.ts).

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG of `rows` (each `width` x 3 bytes of pixels). */
function encodePng(width: number, rows: Buffer[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(rows.length, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  const lines = rows.map((pixels) => Buffer.concat([Buffer.from([0]), pixels])); // filter byte 0 per row
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(lines))), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * `noise` pixels do not compress, so the file is about width x height x 3 bytes, large enough for
 * an upload whose progress can be watched; otherwise one colour, a few hundred bytes.
 */
export function pngImage(width: number, height: number, { rgb = [200, 60, 40], noise = false }: { rgb?: [number, number, number]; noise?: boolean } = {}): Buffer {
  return encodePng(width, Array.from({ length: height }, () => (noise ? randomBytes(width * 3) : Buffer.alloc(width * 3).fill(Buffer.from(rgb)))));
}

/** Stripes of a colour drawn for this call, so two files never share a hash. */
export function stripedPng(width = 96, height = 64): Buffer {
  const colour = [randomInt(256), randomInt(256), randomInt(256)];
  const row = Buffer.alloc(width * 3);
  for (let x = 0; x < width; x++) row.set(Math.floor(x / 12) % 2 === 0 ? colour : colour.map((value) => 255 - value), x * 3);
  return encodePng(width, Array.from({ length: height }, () => row));
}
