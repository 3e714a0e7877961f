import { useCallback } from 'react';
import { useQuery, useSubscription } from '../../api/hooks';
import { currentSession } from '../../api/session';
import { graphql } from '../../gql';
import { Link } from '../../router';
import { ErrorNote, Loaded } from '../../ui/states';
import { Conversation } from './conversation';
import { DecisionPanel } from './decision';
import { DisputeSummary } from './summary';
import { EscalateAndWithdraw } from './escalate-withdraw';
import { EvidenceList } from './evidence-list';
import { OffersLedger } from './offers';
import { InformationRequests } from './information-requests';
import { ReplacementPanel } from './replacement-panel';
import { ReturnPanel } from './return-panel';
import { SellerResponse } from './seller-response';
import './party.css';
import type { Party } from './dispute-fields';

const PartyDispute = graphql(`
  query PartyDispute($id: ID!) {
    dispute(id: $id) {
      ...PartyDisputeFields
    }
  }
`);

const PartyDisputeUpdated = graphql(`
  subscription PartyDisputeUpdated($id: ID!) {
    disputeUpdated(id: $id) {
      id
      version
    }
  }
`);

/** The buyer's and the seller's page for one dispute: live, and offering only what availableActions allows. */
export function PartyDisputePage({ disputeId }: { disputeId: string }) {
  const me: Party = currentSession()?.role === 'SELLER' ? 'SELLER' : 'BUYER';
  const state = useQuery(PartyDispute, { id: disputeId });
  const { reload } = state;
  // The push names the new version; the page reads the dispute again, so every panel shows one state.
  const live = useSubscription(PartyDisputeUpdated, { id: disputeId }, useCallback(() => reload(), [reload]), reload);
  return (
    <div className="party-dispute">
      <p className="hint">
        {/* The buyer's home (My Orders) is another page's; "/" sends each role to its own. */}
        <Link to={me === 'SELLER' ? '/seller/disputes' : '/orders'}>{me === 'SELLER' ? '← Your disputes and orders' : '← My orders'}</Link>
      </p>
      <Loaded state={state} what="the dispute">
        {({ dispute }) => (
          <>
            <DisputeSummary dispute={dispute} me={me} changed={reload} />
            <ErrorNote error={live} />
            <div className="party-columns">
              <div>
                <InformationRequests dispute={dispute} me={me} changed={reload} />
                {me === 'SELLER' && <SellerResponse dispute={dispute} me={me} changed={reload} />}
                <OffersLedger dispute={dispute} me={me} changed={reload} />
                <ReturnPanel dispute={dispute} me={me} changed={reload} />
                <ReplacementPanel dispute={dispute} me={me} changed={reload} />
                <DecisionPanel dispute={dispute} me={me} changed={reload} />
                <EvidenceList dispute={dispute} me={me} changed={reload} />
              </div>
              <Conversation dispute={dispute} me={me} changed={reload} />
            </div>
            <EscalateAndWithdraw dispute={dispute} me={me} changed={reload} />
          </>
        )}
      </Loaded>
    </div>
  );
}
