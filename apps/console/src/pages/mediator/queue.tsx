import { currentSession } from '../../api/session';
import { Link, navigate, usePath } from '../../router';
import { Empty, ErrorNote, Loading } from '../../ui/states';
import { useQueueCases } from './queue-cases';
import { filterQuery, readFilter, type QueueFilter } from './queue-filter';
import { QueueFilters } from './queue-filters';
import { QueueRow } from './queue-row';
import './queue.css';

const QUEUE = '/mediator/queue';

/**
 * The live mediation queue and "My cases" (the same list narrowed to the cases this mediator
 * holds): unclaimed first, then by SLA, filtered from the URL, updated as cases enter, change or leave.
 */
export function MediationQueue() {
  const { query } = usePath();
  const filter = readFilter(query);
  const me = currentSession()?.accountId ?? '';
  const cases = useQueueCases(filter, me);
  const mine = filter.view === 'mine';
  const narrowed = filter.stage !== null || filter.reason !== null || filter.breached !== null;
  // Filters replace the address (Back leaves the page rather than undoing a choice); the views are links.
  const setFilter = (next: QueueFilter) => navigate(QUEUE + filterQuery(next), true);
  const viewLink = (view: QueueFilter['view']) => QUEUE + filterQuery({ ...filter, view });

  return (
    <section className="queue-page" aria-labelledby="queue-title">
      <h1 id="queue-title">{mine ? 'My cases' : 'Mediation queue'}</h1>
      <nav className="queue-views" aria-label="Queue views">
        <Link to={viewLink('queue')} aria-current={mine ? undefined : 'page'}>
          All cases
        </Link>
        <Link to={viewLink('mine')} aria-current={mine ? 'page' : undefined}>
          My cases
        </Link>
      </nav>
      <p className="hint">
        {mine ? 'The cases you hold that are not decided yet, most urgent first.' : 'Unclaimed cases first, then by SLA due time. The list updates by itself as cases enter, are claimed or leave.'}
      </p>
      <QueueFilters filter={filter} onChange={setFilter} />
      <p className="queue-live" role="status" aria-live="polite">
        {cases.announcement}
      </p>
      <ErrorNote error={cases.liveError} />
      {cases.state.status === 'loading' && <Loading what={mine ? 'your cases' : 'the queue'} />}
      {cases.state.status === 'error' && <ErrorNote error={cases.state.error} />}
      {cases.state.status === 'ready' && (
        <>
          <p className="queue-count">
            {cases.state.page.rows.length < cases.state.page.totalCount
              ? `Showing ${cases.state.page.rows.length} of ${cases.state.page.totalCount} cases`
              : `${cases.state.page.totalCount} ${cases.state.page.totalCount === 1 ? 'case' : 'cases'}`}
          </p>
          {cases.state.page.rows.length === 0 ? (
            <Empty>{narrowed ? 'No cases match these filters.' : mine ? 'You hold no undecided cases. Claim one from the queue.' : 'No cases are waiting for a mediator.'}</Empty>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="queue-title" tabIndex={0}>
              <table className="queue-table">
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Held by</th>
                    <th scope="col">SLA due</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Reason</th>
                    <th scope="col">In dispute</th>
                  </tr>
                </thead>
                <tbody>
                  {cases.state.page.rows.map((dispute) => (
                    <QueueRow key={dispute.id} dispute={dispute} me={me} onChange={cases.update} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {cases.state.page.hasNextPage && (
            <div className="queue-more">
              <button type="button" className="quiet" onClick={() => void cases.loadMore()} disabled={cases.loadingMore} aria-describedby={cases.moreError ? 'queue-more-error' : undefined}>
                {cases.loadingMore ? 'Loading…' : 'Load more'}
              </button>
              <ErrorNote error={cases.moreError} id="queue-more-error" />
            </div>
          )}
        </>
      )}
    </section>
  );
}
