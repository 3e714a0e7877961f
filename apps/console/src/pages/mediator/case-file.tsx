import { useCallback } from 'react';
import { graphql } from '../../gql';
import { useQuery, useSubscription } from '../../api/hooks';
import { Link } from '../../router';
import { ErrorNote, Loaded } from '../../ui/states';
import { ClaimCase } from './case-file/claim-case';
import { DecisionOnRecord } from './case-file/decision';
import { CaseEvidence } from './case-file/evidence';
import { useHistory } from './case-file/history';
import { ExtendDeadline } from './case-file/extend-deadline';
import { Messages } from './case-file/messages';
import { Offers } from './case-file/offers';
import { OrderFacts } from './case-file/order-facts';
import { ReleaseCase } from './case-file/release-case';
import { RequestInformation } from './case-file/request-information';
import { RulingForm } from './case-file/ruling-form';
import { Statements } from './case-file/statements';
import { Timeline } from './case-file/timeline';
import { TurnAndDeadlines } from './case-file/turn-and-deadlines';
import './case-file/case-file.css';

// Everything the case file shows of the dispute itself; the history (order facts, statements,
// timeline) and the conversation are paged separately.
const CaseFileQuery = graphql(`
  query CaseFile($id: ID!) {
    dispute(id: $id) {
      id
      orderId
      buyerId
      sellerId
      status
      reason
      subReason
      description
      openedAt
      version
      messageCount
      availableActions
      whoseTurn {
        role
        reason
        dueAt
      }
      deadlines {
        kind
        dueAt
      }
      disputedLines {
        lineId
        sku
        title
        quantity
        unitPrice {
          minorUnits
          currency
        }
      }
      evidence {
        evidenceId
        sha256
        kind
        addedBy
        addedAt
        description
        contentType
        sizeBytes
      }
      offers {
        offerNumber
        by
        kind
        status
        madeAt
        amount {
          minorUnits
          currency
        }
      }
      informationRequests {
        requestId
        from
        question
        status
        dueAt
      }
      mediation {
        stage
        reason
        mediatorId
        slaDueAt
        slaBreached
      }
      decision {
        mediatorId
        outcome
        at
        rationale
        citedEvidenceIds
        citedPolicyClauses
        appealDueAt
        refund {
          minorUnits
          currency
        }
      }
      appeal {
        by
        grounds
        filedAt
        decidedBy
        upheld
      }
      outcome {
        kind
        refund {
          minorUnits
          currency
        }
      }
      refunded {
        minorUnits
        currency
      }
      return {
        status
      }
      policy {
        line
        lineVersion
        version
        maxTextLength
        informationRequestMin
        informationRequestMax
        informationRequestDefault
        maxDeadlineExtension
        clauses {
          id
          text
        }
      }
    }
  }
`);

/** The actions this page offers besides claiming; when none is open, the page says so. */
const MEDIATOR_ACTIONS: string[] = ['REQUEST_INFORMATION', 'ISSUE_DECISION', 'DECIDE_APPEAL', 'EXTEND_DEADLINE', 'RELEASE_CASE'];

const DisputeUpdated = graphql(`
  subscription CaseFileUpdated($id: ID!) {
    disputeUpdated(id: $id) {
      id
      version
    }
  }
`);

/** One dispute's case file for the mediator: the facts, the record, and the actions the rules allow now. */
export function CaseFile({ disputeId }: { disputeId: string }) {
  const dispute = useQuery(CaseFileQuery, { id: disputeId });
  const history = useHistory(disputeId);
  const { reload } = dispute;
  const { catchUp } = history;
  // Every change (a party's answer, a timer, another mediator) refreshes the file in place.
  const refresh = useCallback(() => {
    reload();
    catchUp();
  }, [reload, catchUp]);
  const live = useSubscription(DisputeUpdated, { id: disputeId }, refresh, refresh);

  return (
    <div className="case-file">
      <p className="hint">
        <Link to="/mediator/queue">← Mediation queue</Link>
      </p>
      <Loaded state={dispute} what="the case file">
        {({ dispute: d }) => (
          <>
            <header className="case-head">
              <h1>
                Case file <span className="mono">{d.id}</span>
              </h1>
              <p>
                <span className={`badge status-${d.status.toLowerCase()}`} data-testid="dispute-status">
                  {d.status}
                </span>{' '}
                {d.mediation ? (
                  <span className="badge">{d.mediation.stage === 'APPEAL' ? 'Appeal' : 'First instance'}</span>
                ) : null}{' '}
                {d.mediation?.mediatorId ? <span>held by {d.mediation.mediatorId}</span> : d.mediation ? <span>unclaimed</span> : null}
              </p>
              <ErrorNote error={live} />
              <ClaimCase dispute={d} onDone={refresh} />
            </header>
            <nav className="case-jump" aria-label="Sections of the case file">
              <a href="#evidence">Evidence</a>
              <a href="#messages">Messages</a>
              <a href="#timeline">Timeline</a>
              <a href="#case-actions">Actions</a>
            </nav>
            <div className="case-columns">
              <aside className="case-turn" aria-label="Whose turn and deadlines">
                <TurnAndDeadlines dispute={d} />
              </aside>
              <div className="case-main">
                <DecisionOnRecord dispute={d} history={history} />
                <OrderFacts dispute={d} history={history} />
                <Statements dispute={d} history={history} />
                <Offers offers={d.offers} />
                <CaseEvidence dispute={d} />
                <Messages dispute={d} onPosted={refresh} />
                <Timeline history={history} />
              </div>
              <aside className="case-actions" id="case-actions" aria-label="Actions">
                <RequestInformation dispute={d} onDone={refresh} />
                <RulingForm dispute={d} history={history} onDone={refresh} />
                <ExtendDeadline dispute={d} onDone={refresh} />
                <ReleaseCase dispute={d} onDone={refresh} />
                {d.availableActions.some((action) => MEDIATOR_ACTIONS.includes(action)) ? null : (
                  <p className="hint">No mediator action is open on this case now.</p>
                )}
              </aside>
            </div>
          </>
        )}
      </Loaded>
    </div>
  );
}
