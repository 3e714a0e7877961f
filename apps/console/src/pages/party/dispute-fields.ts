import { graphql } from '../../gql';
import type { PartyDisputeFieldsFragment } from '../../gql/graphql';

// Everything the parties' page shows, read in one query and again on every live change.
graphql(`
  fragment PartyDisputeFields on Dispute {
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
    sellerResponseDueAt
    negotiationDueAt
    resolutionTargetAt
    resolvedAt
    resolvedVia
    withdrawnAt
    refunded {
      currency
      minorUnits
    }
    outcome {
      kind
      refund {
        currency
        minorUnits
      }
    }
    offers {
      offerNumber
      by
      kind
      status
      madeAt
      amount {
        currency
        minorUnits
      }
      returnAddress {
        name
        line1
        line2
        city
        region
        postalCode
        countryCode
      }
      prepaidLabel
    }
    evidence {
      evidenceId
      kind
      description
      addedBy
      addedAt
      sha256
      contentType
      sizeBytes
    }
    decision {
      at
      outcome
      rationale
      citedEvidenceIds
      citedPolicyClauses
      appealDueAt
      refund {
        currency
        minorUnits
      }
    }
    appeal {
      by
      grounds
      filedAt
      upheld
    }
    policy {
      clauses {
        id
        text
      }
    }
    return {
      status
      carrierCode
      carrier
      trackingNumber
      prepaidLabel
      shipmentDueAt
      receiptDueAt
      returnAddress {
        name
        line1
        line2
        city
        region
        postalCode
        countryCode
      }
    }
    informationRequests {
      requestId
      from
      question
      status
      dueAt
    }
    replacement {
      status
      carrierCode
      carrier
      trackingNumber
      shipmentDueAt
      confirmationDueAt
    }
    messageCount
  }
`);

export type PartyDisputeView = PartyDisputeFieldsFragment;
export type Party = 'BUYER' | 'SELLER';

/** The props every panel of the page gets: the dispute as it stands, who is looking, and how to refresh. */
export interface PanelProps {
  dispute: PartyDisputeView;
  me: Party;
  changed: () => void;
}
