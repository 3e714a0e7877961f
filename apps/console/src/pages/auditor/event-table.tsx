import { useEffect, useRef, useState } from 'react';
import { dateTime } from '../../format/time';
import { Empty, ErrorNote, Loading } from '../../ui/states';
import type { EventPages, HistoryEvent } from './event-pages';
import { Hash } from './hash';

/** One event in full: the hashes whole, the payload, and the storage metadata the hash does not cover. */
function EventDetails({ event, onClose }: { event: HistoryEvent; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  let payload = event.payload;
  try {
    payload = JSON.stringify(JSON.parse(event.payload), null, 2);
  } catch {
    // Shown as stored.
  }
  return (
    <dialog ref={dialog} className="audit-event-dialog" aria-labelledby="event-dialog-title" onClose={onClose}>
      <h2 id="event-dialog-title">
        Event {event.sequence}: {event.type}
      </h2>
      <dl className="audit-facts">
        <dt>Actor</dt>
        <dd>
          {event.actor.role} · {event.actor.id}
        </dd>
        <dt>Occurred (workflow time)</dt>
        <dd>{dateTime(event.occurredAt)}</dd>
        <dt>Recorded (database time)</dt>
        <dd>{dateTime(event.recordedAt)}</dd>
        <dt>Command id</dt>
        <dd className="mono">{event.commandId ?? '—'}</dd>
        <dt>Schema version</dt>
        <dd>{event.schemaVersion}</dd>
        <dt>Hash</dt>
        <dd>
          <code className="audit-full-hash">{event.hash}</code>
        </dd>
        <dt>Previous hash</dt>
        <dd>
          <code className="audit-full-hash">{event.previousHash}</code>
        </dd>
      </dl>
      <h3>Payload</h3>
      <pre className="audit-payload" tabIndex={0} aria-label={`Payload of event ${event.sequence}`}>
        {payload}
      </pre>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

interface Marks {
  /** The first sequence whose history is not what was recorded. */
  brokenSequence: number | null;
  /** The event that cites the first missing or altered file. */
  brokenFileSequence: number | null;
}

/** The history as recorded: one row per event, the first broken one marked (in words too) and scrolled to. */
export function EventTable({ pages, total, marks }: { pages: EventPages; total: number; marks: Marks }) {
  const [open, setOpen] = useState<HistoryEvent | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const brokenRow = useRef<HTMLTableRowElement>(null);
  const { brokenSequence, brokenFileSequence } = marks;
  const brokenLoaded = pages.events.some((event) => event.sequence === brokenSequence);

  useEffect(() => {
    if (brokenLoaded) brokenRow.current?.scrollIntoView({ block: 'center' });
  }, [brokenSequence, brokenLoaded]);

  if (pages.status === 'loading') return <Loading what="the history" />;
  if (pages.status === 'error') return <ErrorNote error={pages.error} />;
  if (pages.events.length === 0) return <Empty>This dispute has no recorded events.</Empty>;

  const close = () => {
    setOpen(null);
    opener.current?.focus();
  };
  return (
    <>
      <div className="table-scroll audit-scroll audit-events">
        <table>
          <caption className="audit-sr-only">Recorded events, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Sequence</th>
              <th scope="col">Type</th>
              <th scope="col">Actor</th>
              <th scope="col">Time</th>
              <th scope="col">Hash</th>
              <th scope="col">Previous hash</th>
            </tr>
          </thead>
          <tbody>
            {pages.events.map((event) => {
              const broken = event.sequence === brokenSequence;
              const fileBroken = event.sequence === brokenFileSequence;
              return (
                <tr key={event.sequence} ref={broken ? brokenRow : undefined} className={broken || fileBroken ? 'audit-broken-row' : undefined} data-sequence={event.sequence}>
                  <th scope="row">
                    <button
                      type="button"
                      className="quiet audit-sequence"
                      aria-label={`Event ${event.sequence}, details`}
                      onClick={(click) => {
                        opener.current = click.currentTarget;
                        setOpen(event);
                      }}
                    >
                      {event.sequence}
                    </button>
                    {broken && <span className="badge bad audit-broken-badge">first broken</span>}
                    {fileBroken && <span className="badge bad audit-broken-badge">file broken</span>}
                  </th>
                  <td>{event.type}</td>
                  <td>
                    <span className="audit-actor-role">{event.actor.role}</span> {event.actor.id}
                  </td>
                  <td>
                    <time dateTime={event.occurredAt}>{dateTime(event.occurredAt)}</time>
                  </td>
                  <td>
                    <Hash value={event.hash} />
                  </td>
                  <td>
                    <Hash value={event.previousHash} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint" role="status">
        Showing events 1 to {pages.events[pages.events.length - 1]!.sequence} of {Math.max(total, pages.events.length)}.
      </p>
      {pages.hasMore && (
        <button type="button" className="quiet" onClick={() => void pages.loadMore()} disabled={pages.loadingMore}>
          {pages.loadingMore ? 'Loading more events…' : 'Show more events'}
        </button>
      )}
      <ErrorNote error={pages.status === 'ready' ? pages.error : null} />
      {open && <EventDetails event={open} onClose={close} />}
    </>
  );
}
