/** The file types accepted as evidence, recognised by their first bytes, never by name or declared type. */
const SIGNATURES: { type: string; matches: (head: Buffer) => boolean }[] = [
  { type: 'image/png', matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/jpeg', matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { type: 'image/gif', matches: (h) => ['GIF87a', 'GIF89a'].includes(h.subarray(0, 6).toString('latin1')) },
  { type: 'image/webp', matches: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: 'application/pdf', matches: (h) => h.subarray(0, 5).toString('latin1') === '%PDF-' },
  { type: 'video/mp4', matches: (h) => h.subarray(4, 8).toString('latin1') === 'ftyp' },
];

export const ACCEPTED_TYPES = SIGNATURES.map((signature) => signature.type);

export function detectType(head: Buffer): string | null {
  return SIGNATURES.find((signature) => signature.matches(head))?.type ?? null;
}
