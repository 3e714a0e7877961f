// A ustar archive of a few regular files whose sizes are known: the export's directory as one
// download that `tar -xf` unpacks into exactly what `npm run audit:verify-export` reads.
const BLOCK = 512;

const padding = (size: number): number => (BLOCK - (size % BLOCK)) % BLOCK;

export interface TarEntry {
  /** Path inside the archive (at most 100 bytes), e.g. `dispute-<id>-export/events.ndjson`. */
  name: string;
  size: number;
  modifiedAt: Date;
}

/** The 512-byte header of one regular file (POSIX ustar). */
export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar entry name too long: ${entry.name}`);
  field(0, 100, entry.name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, entry.size);
  octal(136, 12, Math.floor(entry.modifiedAt.getTime() / 1000));
  field(148, 8, ' '.repeat(8)); // the checksum is summed with its own field as spaces
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return header;
}

/** The zeros that end a file's data on a block boundary. */
export const tarPadding = (size: number): Buffer => Buffer.alloc(padding(size), 0);

/** Two zero blocks end the archive. */
export const tarEnd = (): Buffer => Buffer.alloc(BLOCK * 2, 0);

/** The archive's total size, for Content-Length (and so for the client's progress bar). */
export const tarSize = (sizes: number[]): number => sizes.reduce((total, size) => total + BLOCK + size + padding(size), BLOCK * 2);
