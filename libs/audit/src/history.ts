import type { HashedEventFields } from '../../chain/src';
import type { StoredEvent } from '../../persistence/src';

/** An event as stored (the events table's one row type, owned by libs/persistence). */
export type { StoredEvent };

/**
 * What the chain verifier needs of a stored event: the hashed fields and the hash, plus the
 * storage position when known (it lets the verifier see reordered rows). A history built in
 * memory, or read back from an export, is checked the same way as one read from the table.
 */
export type ChainedEvent = Omit<StoredEvent, 'globalPosition' | 'recordedAt'> & Partial<Pick<StoredEvent, 'globalPosition'>>;

/** A request that cannot be answered as asked (the API maps it to VALIDATION on `field`). */
export class AuditInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AuditInputError';
  }
}

/** The domain event a stored row holds: the events table stores the event's data as `payload`. */
export function domainEventOf<E>(event: Pick<HashedEventFields, 'type' | 'payload'>): E {
  return { type: event.type, data: event.payload } as E;
}
