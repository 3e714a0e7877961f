import fc from 'fast-check';
import { canonicalJson, envelopeJson, eventHash, sha256, type HashedEventFields } from '../../libs/audit/src';
import { referenceCanonicalJson } from '../../fixtures/reference-canonical-json';

/** The outcome of a serialiser, throwing included, so both implementations can be compared on anything. */
function outcome(serialise: (value: unknown) => string, value: unknown): string {
  try {
    return `ok:${serialise(value)}`;
  } catch (error) {
    return `throws:${(error as Error).constructor.name}`;
  }
}

// Values JSON-like and not: odd strings (escapes, lone surrogates), numeric and odd keys,
// undefined, sparse arrays, non-finite numbers, -0, functions, nested objects.
const oddString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('', '"', '\\', '\u0000', '\u2028', '\ud800', '😀', 'é'));
const oddKey = fc.oneof(oddString, fc.constantFrom('0', '10', '9', '-1', '01', 'constructor', 'toString', 'a', 'B'));
const leaf = fc.oneof(
  oddString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(-0),
  fc.constant(() => 1),
);
const { value: anyValue } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object'), tie('sparse')),
  array: fc.array(tie('value'), { maxLength: 6 }),
  sparse: fc.sparseArray(tie('value'), { maxLength: 6 }),
  object: fc.dictionary(oddKey, tie('value'), { maxKeys: 8 }),
}));

const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
const envelope: fc.Arbitrary<HashedEventFields> = fc.record({
  disputeId: fc.uuid(),
  sequence: fc.integer({ min: 1, max: 1_000_000 }),
  type: fc.constantFrom('DisputeOpened', 'MessagePosted', 'OfferMade', 'Forged "type"'),
  payload: fc.jsonValue(),
  actor: fc.record({ role: fc.constantFrom('BUYER', 'SELLER', 'MEDIATOR', 'SYSTEM'), id: oddString }),
  occurredAt: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  commandId: fc.option(oddString, { nil: null }),
  schemaVersion: fc.integer({ min: 1, max: 5 }),
  previousHash: hex64,
});

describe('canonicalJson (optimised) against the original implementation', () => {
  it('prints exactly what the original printed, or throws where it threw, for arbitrary values', () => {
    fc.assert(
      fc.property(anyValue, (value) => {
        expect(outcome(canonicalJson, value)).toBe(outcome(referenceCanonicalJson, value));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on JSON values with keys in any order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
        // Re-parsing and re-serialising is stable: the order keys were built in does not matter.
        expect(canonicalJson(JSON.parse(JSON.stringify(value)))).toBe(canonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes objects whose key lists it has seen before exactly as the original does, whatever their values', () => {
    // A small vocabulary, so the same key lists (in the same or another order) come back within
    // one run and the remembered shapes are used, with values of any kind, undefined included.
    const vocabulary = ['at', 'author', 'body', 'messageId', '10', '9', 'é', 'B', ''];
    const objectOfVocabulary = fc
      .tuple(fc.shuffledSubarray(vocabulary), fc.array(anyValue, { minLength: vocabulary.length, maxLength: vocabulary.length }))
      .map(([keys, values]) => Object.fromEntries(keys.map((key, index) => [key, values[index]])));
    fc.assert(
      fc.property(fc.array(objectOfVocabulary, { minLength: 2, maxLength: 6 }), (objects) => {
        for (const object of objects) expect(outcome(canonicalJson, { payload: object, again: [object] })).toBe(outcome(referenceCanonicalJson, { payload: object, again: [object] }));
      }),
      { numRuns: 300 },
    );
  });

  it('sorts by UTF-16 code units, puts numeric keys where their text sorts, and keeps undefined out', () => {
    expect(canonicalJson({ b: 1, a: [undefined, 2], 10: 'x', 9: 'y', é: true, Z: null, u: undefined })).toBe('{"10":"x","9":"y","Z":null,"a":[null,2],"b":1,"é":true}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });

  it('writes an envelope with the fixed key order exactly as the generic serialiser does', () => {
    fc.assert(
      fc.property(envelope, (fields) => {
        expect(envelopeJson(fields)).toBe(referenceCanonicalJson(fields));
        expect(eventHash(fields)).toBe(sha256(referenceCanonicalJson(fields)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes chained envelopes (the dispute id of the one before, the last digest as previous hash) exactly as the generic serialiser does', () => {
    fc.assert(
      fc.property(fc.array(envelope, { minLength: 2, maxLength: 5 }), oddString, (envelopes, disputeId) => {
        let previousHash = '0'.repeat(64);
        for (const fields of envelopes) {
          const chained = { ...fields, disputeId, previousHash };
          expect(envelopeJson(chained)).toBe(referenceCanonicalJson(chained));
          previousHash = eventHash(chained);
          expect(previousHash).toBe(sha256(referenceCanonicalJson(chained)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('leaves unusual envelopes to the generic serialiser, with the same hash as before', () => {
    fc.assert(
      fc.property(envelope, anyValue, fc.constantFrom('extra', 'actor', 'payload', 'sequence'), (fields, odd, where) => {
        const unusual: Record<string, unknown> = { ...fields };
        if (where === 'actor') unusual.actor = { ...fields.actor, team: odd };
        else unusual[where] = odd;
        const expected = outcome((value) => sha256(referenceCanonicalJson(value)), unusual);
        expect(outcome((value) => eventHash(value as HashedEventFields), unusual)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('still hashes a known event to the value the first implementation produced', () => {
    const fields: HashedEventFields & { payload: Record<string, unknown> } = {
      disputeId: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      sequence: 7,
      type: 'MessagePosted',
      payload: {
        messageId: 'm-7',
        author: { role: 'SELLER', id: 'seller-ü' },
        body: 'Line one\nline two "quoted" \\ done \u2028 😀',
        at: '2026-11-25T10:00:00.123Z',
        extra: [1, -0, 2.5e-7, 1e21, true, null, { z: 1, a: [] }],
      },
      actor: { role: 'SELLER', id: 'seller-ü' },
      occurredAt: '2026-11-25T10:00:00.123Z',
      commandId: null,
      schemaVersion: 1,
      previousHash: 'a'.repeat(64),
    };
    // Computed with the original hash-chain.ts before it was optimised.
    expect(eventHash(fields)).toBe('3b871f0792ae1be20e2eeddbd36eae5c380201d930902f13b39777e0a4c33cbf');
  });
});
