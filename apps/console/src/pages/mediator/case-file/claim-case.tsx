import { idempotencyKey, useMutation } from '../../../api/hooks';
import { graphql } from '../../../gql';
import { ErrorNote } from '../../../ui/states';
import type { CaseDispute } from './types';

const ClaimCaseMutation = graphql(`
  mutation CaseFileClaim($input: ClaimCaseInput!) {
    claimCase(input: $input) {
      id
      mediation {
        mediatorId
      }
    }
  }
`);

/** Taking the case from the queue, offered while it waits for a mediator. */
export function ClaimCase({ dispute, onDone }: { dispute: CaseDispute; onDone: () => void }) {
  const claim = useMutation(ClaimCaseMutation);
  if (!dispute.availableActions.includes('CLAIM_CASE')) return null;
  const send = async () => {
    const result = await claim.run({ input: { disputeId: dispute.id, idempotencyKey: idempotencyKey() } });
    if (result.ok) onDone();
  };
  return (
    <div className="claim">
      <button type="button" onClick={() => void send()} disabled={claim.pending}>
        {claim.pending ? 'Claiming…' : 'Claim this case'}
      </button>
      <ErrorNote error={claim.error} />
    </div>
  );
}
