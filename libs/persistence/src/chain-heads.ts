/**
 * The last link (sequence and hash) this process stored or read for each recent dispute, so
 * the next append of that dispute can chain from it without reading it back. Safe to trust:
 * a stored event's hash never changes (dispute_events is append-only), and the chain trigger
 * still checks every link the database receives. Bounded, oldest forgotten first; a forgotten
 * dispute costs its next append one read.
 */
export class ChainHeads {
  private readonly heads = new Map<string, { sequence: number; hash: string }>();

  constructor(private readonly limit: number) {}

  /** The hash of this dispute's event at `sequence`, when that is the head known here. */
  hashAt(disputeId: string, sequence: number): string | undefined {
    const head = this.heads.get(disputeId);
    return head !== undefined && head.sequence === sequence ? head.hash : undefined;
  }

  remember(disputeId: string, sequence: number, hash: string): void {
    const known = this.heads.get(disputeId);
    if (known !== undefined && known.sequence > sequence) return; // a late retry of an older batch
    this.heads.delete(disputeId); // re-inserted last: the map's order is the recency order
    this.heads.set(disputeId, { sequence, hash });
    if (this.heads.size > this.limit) this.heads.delete(this.heads.keys().next().value!);
  }
}
