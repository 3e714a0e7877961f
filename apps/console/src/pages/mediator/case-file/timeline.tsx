import { dateTime } from '../../../format/time';
import { Empty, ErrorNote, Loading } from '../../../ui/states';
import type { History } from './history';

/** The whole history, oldest first: what happened, who did it and when. */
export function Timeline({ history }: { history: History }) {
  return (
    <section className="panel" aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      {history.status === 'loading' ? <Loading what="the timeline" /> : null}
      {history.status === 'error' ? <ErrorNote error={history.error} /> : null}
      {history.status === 'ready' && history.items.length === 0 ? <Empty>The history is empty.</Empty> : null}
      {history.items.length > 0 ? (
        <div className="table-scroll">
          <table className="timeline">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Event</th>
                <th scope="col">By</th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {history.items.map((event) => (
                <tr key={event.sequence}>
                  <td>{event.sequence}</td>
                  <td>{event.type.replace(/([a-z])([A-Z])/g, '$1 $2')}</td>
                  <td>
                    {event.actor.role.toLowerCase()} {event.actor.id}
                  </td>
                  <td>{dateTime(event.occurredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {history.hasNextPage ? (
        <button type="button" className="quiet" onClick={history.loadMore}>
          Show more events
        </button>
      ) : null}
    </section>
  );
}
