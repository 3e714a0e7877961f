import fc from 'fast-check';
import { addMs, formatIso, parseIso } from '../../libs/domain/src';

describe('ISO-8601 time without a clock', () => {
  it('reads UTC and offset timestamps', () => {
    expect(parseIso('1970-01-01T00:00:00Z')).toBe(0);
    expect(parseIso('2026-11-25T10:00:00.000Z')).toBe(1795600800000);
    expect(parseIso('2026-11-25T12:00:00+02:00')).toBe(parseIso('2026-11-25T10:00:00Z'));
    expect(parseIso('2026-11-25T05:30:00-04:30')).toBe(parseIso('2026-11-25T10:00:00Z'));
    expect(parseIso('2024-02-29T00:00:00.5Z')).toBe(parseIso('2024-02-29T00:00:00.500Z'));
  });
  it('rejects anything else', () => {
    for (const bad of ['', 'now', '2026-11-25', '2026-11-25T10:00:00', '2026-13-01T00:00:00Z', '2025-02-29T00:00:00Z', '2026-11-25T24:00:00Z', '2026-11-25T10:60:00Z', '2026-11-25T10:00:00+25:00', 42, null]) {
      expect(parseIso(bad)).toBeNull();
    }
  });
  it('prints exactly what toISOString prints', () => {
    expect(formatIso(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(addMs('2026-02-28T23:59:59.999Z', 1)).toBe('2026-03-01T00:00:00.000Z');
    expect(formatIso(-1)).toBe('1969-12-31T23:59:59.999Z');
  });
  it('drops a fraction of a millisecond as Date does, so a fractional window still gives a valid time', () => {
    for (const epochMs of [1.5, 1_764_201_600_000.75, 999.999]) expect(formatIso(epochMs)).toBe(new Date(epochMs).toISOString());
    expect(addMs('2026-11-27T10:00:00.000Z', 1500.6)).toBe('2026-11-27T10:00:01.500Z');
  });

  it('round-trips every instant from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        expect(formatIso(ms)).toBe(new Date(ms).toISOString());
        expect(parseIso(formatIso(ms))).toBe(ms);
      }),
      { numRuns: 500 },
    );
  });
});
