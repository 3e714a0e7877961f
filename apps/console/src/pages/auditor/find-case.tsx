import { useEffect, useState, type FormEvent } from 'react';
import { request, type ApiError } from '../../api/client';
import type { QueryState } from '../../api/hooks';
import { dateTime } from '../../format/time';
import { graphql } from '../../gql';
import type { AuditorFindCasesQuery, AuditorFindCasesQueryVariables } from '../../gql/graphql';
import { Link, navigate, usePath } from '../../router';
import { Empty, ErrorNote, Loaded } from '../../ui/states';
import { PAGE_SIZES, STATUSES, filterOf, pageSizeOf, queryOf, rangeProblem, searchFromQuery, trailOf, type CaseSearch } from './case-filters';
import './auditor.css';

const FindCases = graphql(`
  query AuditorFindCases($filter: DisputeFilter, $first: Int!, $after: String) {
    disputes(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          orderId
          buyerId
          sellerId
          status
          reason
          openedAt
        }
      }
    }
  }
`);

const CaseExists = graphql(`
  query AuditorCaseExists($id: ID!) {
    dispute(id: $id) {
      id
    }
  }
`);

const FIELDS: { key: keyof Omit<CaseSearch, 'status' | 'openedFrom' | 'openedTo'>; label: string }[] = [
  { key: 'orderId', label: 'Order id' },
  { key: 'buyerId', label: 'Buyer id' },
  { key: 'sellerId', label: 'Seller id' },
];

/** Goes straight to one case by its id; an unknown id is answered here, next to the field. */
function OpenById() {
  const [id, setId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const open = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    const result = await request(CaseExists, { id: id.trim() });
    setPending(false);
    if (result.ok) navigate(`/auditor/cases/${encodeURIComponent(result.data.dispute.id)}`);
    else setError(result.error);
  };
  return (
    <form className="panel audit-by-id" onSubmit={open} aria-labelledby="by-id-heading">
      <h2 id="by-id-heading" className="audit-panel-title">Open a case by its id</h2>
      <label htmlFor="case-id">Dispute id</label>
      <div className="audit-inline">
        <input id="case-id" value={id} onChange={(event) => (setId(event.target.value), setError(null))} required spellCheck={false} aria-invalid={error ? true : undefined} aria-describedby={error ? 'case-id-error' : undefined} className="mono" />
        <button type="submit" disabled={pending}>
          Open history
        </button>
      </div>
      <ErrorNote error={error} id="case-id-error" />
    </form>
  );
}

/**
 * The search's results. Not useQuery: that keeps the last answer on screen while the next one
 * loads (right for a reload), which here would show the previous search's cases under the new one.
 */
function useSearch(variablesKey: string): QueryState<AuditorFindCasesQuery> {
  const [state, setState] = useState<{ key: string; state: QueryState<AuditorFindCasesQuery> }>({ key: variablesKey, state: { status: 'loading' } });
  useEffect(() => {
    let current = true;
    void request(FindCases, JSON.parse(variablesKey) as AuditorFindCasesQueryVariables).then((result) => {
      if (current) setState({ key: variablesKey, state: result.ok ? { status: 'ready', data: result.data } : { status: 'error', error: result.error } });
    });
    return () => {
      current = false;
    };
  }, [variablesKey]);
  return state.key === variablesKey ? state.state : { status: 'loading' };
}

/** Auditors find a case by id (direct) or by order, buyer, seller, status and opening dates, a page at a time. */
export function FindCase() {
  const { query } = usePath();
  const applied = searchFromQuery(query);
  const trail = trailOf(query);
  const [draft, setDraft] = useState<CaseSearch>(applied);
  const [problem, setProblem] = useState<string | null>(null);
  const appliedKey = queryOf(applied);
  // Back and Forward change the URL: the form shows the search that is applied.
  useEffect(() => setDraft(searchFromQuery(new URLSearchParams(appliedKey))), [appliedKey]);

  const results = useSearch(JSON.stringify({ filter: filterOf(applied), first: pageSizeOf(applied), after: trail[trail.length - 1] ?? null }));
  const set = (key: keyof CaseSearch) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));

  const search = (event: FormEvent) => {
    event.preventDefault();
    const wrong = rangeProblem(draft);
    setProblem(wrong);
    if (!wrong) navigate(`/auditor/cases${queryOf(draft)}`);
  };
  const clear = () => {
    setProblem(null);
    navigate('/auditor/cases');
  };
  const searchError = results.status === 'error' ? results.error : problem ? { code: 'VALIDATION', message: problem, field: 'openedTo' } : null;

  return (
    <section aria-labelledby="find-heading">
      <h1 id="find-heading">Find a case</h1>
      <OpenById />
      <form className="panel" onSubmit={search} aria-labelledby="search-heading">
        <h2 id="search-heading" className="audit-panel-title">Search by order, party, status or opening date</h2>
        <div className="audit-fields">
          {FIELDS.map(({ key, label }) => (
            <div key={key}>
              <label htmlFor={`search-${key}`}>{label}</label>
              <input id={`search-${key}`} value={draft[key]} onChange={set(key)} spellCheck={false} />
            </div>
          ))}
          <div>
            <label htmlFor="search-status">Status</label>
            <select id="search-status" value={draft.status} onChange={set('status')}>
              <option value="">Any status</option>
              {STATUSES.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="search-from">Opened from</label>
            <input id="search-from" type="date" value={draft.openedFrom} onChange={set('openedFrom')} aria-describedby="search-days" />
          </div>
          <div>
            <label htmlFor="search-to">Opened to</label>
            <input id="search-to" type="date" value={draft.openedTo} onChange={set('openedTo')} aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'search-days search-error' : 'search-days'} />
          </div>
          <div>
            <label htmlFor="search-per-page">Cases per page</label>
            <select id="search-per-page" value={draft.perPage} onChange={set('perPage')}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={size}>
                  {size}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="hint" id="search-days">
          Opening dates are whole days in UTC, both included.
        </p>
        <div className="audit-inline audit-actions">
          <button type="submit">Search</button>
          <button type="button" className="quiet" onClick={clear}>
            Clear
          </button>
        </div>
        <ErrorNote error={searchError} id="search-error" />
      </form>

      <section className="panel" aria-labelledby="results-heading">
        <h2 id="results-heading" className="audit-panel-title">Cases</h2>
        {results.status === 'error' ? (
          <Empty>No cases to show: the search was refused (the reason is under the Search button).</Empty>
        ) : (
          <Loaded state={results} what="cases">
            {(data) => <Results connection={data.disputes} trail={trail} applied={applied} />}
          </Loaded>
        )}
      </section>
    </section>
  );
}

type Connection = AuditorFindCasesQuery['disputes'];

function Results({ connection, trail, applied }: { connection: Connection; trail: string[]; applied: CaseSearch }) {
  const pageNumber = trail.length + 1;
  const pages = Math.max(1, Math.ceil(connection.totalCount / pageSizeOf(applied)));
  if (connection.edges.length === 0) {
    return <Empty>{trail.length > 0 ? 'No more cases on this page.' : 'No case matches this search.'}</Empty>;
  }
  return (
    <>
      <p className="audit-count" role="status">
        {connection.totalCount === 1 ? '1 case' : `${connection.totalCount} cases`} · page {pageNumber} of {pages}
      </p>
      <div className="table-scroll audit-scroll">
        <table>
          <caption className="audit-sr-only">Cases matching the search, newest opening first</caption>
          <thead>
            <tr>
              <th scope="col">Dispute</th>
              <th scope="col">Order</th>
              <th scope="col">Buyer</th>
              <th scope="col">Seller</th>
              <th scope="col">Status</th>
              <th scope="col">Reason</th>
              <th scope="col">Opened</th>
            </tr>
          </thead>
          <tbody>
            {connection.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>
                  <Link to={`/auditor/cases/${encodeURIComponent(node.id)}`} className="mono">
                    {node.id}
                  </Link>
                </td>
                <td className="mono">{node.orderId}</td>
                <td>{node.buyerId}</td>
                <td>{node.sellerId}</td>
                <td>
                  <span className="badge">{node.status}</span>
                </td>
                <td>{node.reason}</td>
                <td>{dateTime(node.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="audit-inline audit-pager" aria-label="Result pages">
        {trail.length > 0 && (
          <Link className="button quiet" to={`/auditor/cases${queryOf(applied, trail.slice(0, -1))}`}>
            Previous page
          </Link>
        )}
        {connection.pageInfo.hasNextPage && connection.pageInfo.endCursor && (
          <Link className="button quiet" to={`/auditor/cases${queryOf(applied, [...trail, connection.pageInfo.endCursor])}`}>
            Next page
          </Link>
        )}
      </nav>
    </>
  );
}
