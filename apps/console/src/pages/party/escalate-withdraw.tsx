import { useState, type FormEvent } from 'react';
import { idempotencyKey, useMutation } from '../../api/hooks';
import { graphql } from '../../gql';
import { ErrorNote } from '../../ui/states';
import { ConfirmDialog } from './confirm-dialog';
import type { PanelProps, PartyDisputeView } from './dispute-fields';

const EscalateDispute = graphql(`
  mutation PartyEscalate($input: EscalateDisputeInput!) {
    escalateDispute(input: $input) {
      id
      version
    }
  }
`);

const WithdrawDispute = graphql(`
  mutation PartyWithdraw($input: WithdrawDisputeInput!) {
    withdrawDispute(input: $input) {
      id
      version
    }
  }
`);

function Escalate({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [note, setNote] = useState('');
  const escalate = useMutation(EscalateDispute);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await escalate.run({ input: { disputeId: dispute.id, note, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="escalate-heading">
      <h3 id="escalate-heading">Ask the marketplace to step in</h3>
      <p className="hint">A mediator reads the case file and the conversation, and decides.</p>
      <label htmlFor="escalate-note">Why a mediator should step in</label>
      <textarea id="escalate-note" value={note} onChange={(event) => setNote(event.target.value)} aria-invalid={escalate.error?.field?.includes('note') || undefined} />
      <ErrorNote error={escalate.error} />
      <button type="submit" disabled={escalate.pending}>
        Escalate to a mediator
      </button>
    </form>
  );
}

/** Withdrawing ends the dispute for good, so it is confirmed in a dialog first. */
function Withdraw({ dispute, changed }: { dispute: PartyDisputeView; changed: () => void }) {
  const [reason, setReason] = useState('');
  const withdraw = useMutation(WithdrawDispute);
  const confirm = async () => {
    const result = await withdraw.run({ input: { disputeId: dispute.id, reason: reason.trim() || undefined, idempotencyKey: idempotencyKey() } });
    if (result.ok) changed();
    return result.ok;
  };
  return (
    <div className="withdraw">
      <h3>Withdraw the dispute</h3>
      <ConfirmDialog opener="Withdraw…" title="Withdraw this dispute?" keep="Keep the dispute" confirm="Withdraw the dispute" pending={withdraw.pending} error={withdraw.error} onOpen={withdraw.clear} onConfirm={confirm}>
        <p>The dispute on order {dispute.orderId} ends now and cannot be reopened. A withdrawn dispute still counts towards the disputes an order allows.</p>
        <label htmlFor="withdraw-reason">Why (optional)</label>
        <input id="withdraw-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
      </ConfirmDialog>
    </div>
  );
}

/** Escalating and withdrawing, each shown only when the rules allow it now. */
export function EscalateAndWithdraw({ dispute, changed }: PanelProps) {
  const canEscalate = dispute.availableActions.includes('ESCALATE_DISPUTE');
  const canWithdraw = dispute.availableActions.includes('WITHDRAW_DISPUTE');
  if (!canEscalate && !canWithdraw) return null;
  return (
    <section className="panel" aria-label="Escalate or withdraw">
      {canEscalate && <Escalate dispute={dispute} changed={changed} />}
      {canWithdraw && <Withdraw dispute={dispute} changed={changed} />}
    </section>
  );
}
