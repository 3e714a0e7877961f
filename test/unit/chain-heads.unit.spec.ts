import { ChainHeads } from '../../libs/persistence/src/chain-heads';

// The event store chains a batch from the head it remembers without reading it back; what it
// remembers must only ever be a link that is the dispute's latest known one.
describe('the chain heads an event store remembers', () => {
  const hash = (n: number) => n.toString(16).padStart(64, '0');

  it('answers only for the sequence it holds as the head', () => {
    const heads = new ChainHeads(10);
    heads.remember('d-1', 3, hash(3));
    expect(heads.hashAt('d-1', 3)).toBe(hash(3));
    expect(heads.hashAt('d-1', 2)).toBeUndefined();
    expect(heads.hashAt('d-2', 3)).toBeUndefined();
  });

  it('keeps the later head when a late retry of an older batch reports in', () => {
    const heads = new ChainHeads(10);
    heads.remember('d-1', 5, hash(5));
    heads.remember('d-1', 4, hash(4));
    expect(heads.hashAt('d-1', 5)).toBe(hash(5));
    expect(heads.hashAt('d-1', 4)).toBeUndefined();
  });

  it('forgets the least recently written dispute first once full', () => {
    const heads = new ChainHeads(2);
    heads.remember('d-1', 1, hash(1));
    heads.remember('d-2', 1, hash(1));
    heads.remember('d-1', 2, hash(2)); // d-1 written again: now d-2 is the oldest
    heads.remember('d-3', 1, hash(1));
    expect(heads.hashAt('d-2', 1)).toBeUndefined();
    expect(heads.hashAt('d-1', 2)).toBe(hash(2));
    expect(heads.hashAt('d-3', 1)).toBe(hash(1));
  });
});
