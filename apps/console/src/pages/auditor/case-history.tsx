import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import { dateTime } from '../../format/time';
import { graphql } from '../../gql';
import { Link } from '../../router';
import { Loaded } from '../../ui/states';
import { AsOf } from './as-of';
import { useEventPages } from './event-pages';
import { EventTable } from './event-table';
import { ExportDownload } from './export-download';
import { Hash } from './hash';
import { VerifyPanel, type Verification } from './verification';
import './auditor.css';

const CaseSummary = graphql(`
  query AuditorCaseSummary($id: ID!) {
    dispute(id: $id) {
      id
      orderId
      buyerId
      sellerId
      status
      reason
      subReason
      openedAt
      version
      headHash
    }
  }
`);

/** One dispute for an auditor: its recorded history, verified on demand, replayed to any moment, exported. */
export function CaseHistory({ disputeId }: { disputeId: string }) {
  const summary = useQuery(CaseSummary, { id: disputeId });
  const pages = useEventPages(disputeId);
  const [verification, setVerification] = useState<Verification | null>(null);

  const onVerified = (result: Verification) => {
    setVerification(result);
    const broken = result.history.firstBrokenSequence ?? (result.files.firstBroken?.sequence ?? null);
    if (broken !== null) void pages.loadThrough(broken);
  };
  const typeOf = (sequence: number) => pages.events.find((event) => event.sequence === sequence)?.type;

  return (
    <article aria-labelledby="history-heading">
      <p className="audit-back">
        <Link to="/auditor/cases">← Find a case</Link>
      </p>
      <h1 id="history-heading">Case history</h1>
      <Loaded state={summary} what="the case">
        {({ dispute }) => (
          <>
            <section className="panel" aria-label="The case">
              <dl className="audit-facts audit-summary">
                <dt>Dispute</dt>
                <dd className="mono">{dispute.id}</dd>
                <dt>Order</dt>
                <dd className="mono">{dispute.orderId}</dd>
                <dt>Buyer · seller</dt>
                <dd>
                  {dispute.buyerId} · {dispute.sellerId}
                </dd>
                <dt>Status now</dt>
                <dd>
                  <span className="badge">{dispute.status}</span>
                </dd>
                <dt>Reason</dt>
                <dd>
                  {dispute.reason}
                  {dispute.subReason ? ` · ${dispute.subReason}` : ''}
                </dd>
                <dt>Opened</dt>
                <dd>{dateTime(dispute.openedAt)}</dd>
                <dt>Events · head</dt>
                <dd>
                  {dispute.version} · <Hash value={dispute.headHash} />
                </dd>
              </dl>
            </section>

            <section className="panel" aria-labelledby="events-heading">
              <h2 id="events-heading" className="audit-panel-title">Recorded events</h2>
              <VerifyPanel disputeId={disputeId} result={verification} onResult={onVerified} />
              <EventTable
                pages={pages}
                total={dispute.version}
                marks={{ brokenSequence: verification?.history.firstBrokenSequence ?? null, brokenFileSequence: verification?.files.firstBroken?.sequence ?? null }}
              />
            </section>

            <section className="panel" aria-labelledby="as-of-heading">
              <h2 id="as-of-heading" className="audit-panel-title">As of</h2>
              <p className="hint">The case folded from its events up to a moment, as each participant could see it and act on it then.</p>
              <AsOf disputeId={disputeId} head={dispute.version} typeOf={typeOf} />
            </section>

            <section className="panel" aria-labelledby="export-heading">
              <h2 id="export-heading" className="audit-panel-title">Export</h2>
              <ExportDownload disputeId={disputeId} />
            </section>
          </>
        )}
      </Loaded>
    </article>
  );
}
