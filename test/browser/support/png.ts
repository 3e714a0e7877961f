import { randomBytes } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real PNG (the browser decodes it for the preview, the API detects it by its signature):
 * `noise` pixels do not compress, so the file is about width x height x 3 bytes, large enough
 * for an upload whose progress can be watched; otherwise one colour, a few hundred bytes.
 */
export function pngImage(width: number, height: number, { rgb = [200, 60, 40], noise = false }: { rgb?: [number, number, number]; noise?: boolean } = {}): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, no interlace
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const pixels = noise ? randomBytes(width * 3) : Buffer.alloc(width * 3).fill(Buffer.from(rgb));
    rows.push(Buffer.concat([Buffer.from([0]), pixels]));
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
