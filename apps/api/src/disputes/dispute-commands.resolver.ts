import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { addLogContext } from '../../../../libs/platform/src';
import { DISPUTE_COMMANDS, DISPUTE_READER } from '../api.tokens';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext, Viewer } from '../auth/viewer';
import * as In from './command.inputs';
import type { Destination, DisputeCommands } from './dispute-commands';
import type { DisputeReader } from './dispute-reader';
import { READERS } from './dispute.resolver';
import { Dispute, RefundRetry } from './dispute.types';
import { OpenDisputeInput } from './open-dispute.input';
import { toCommand, type Builder } from './to-command';

const returns = (what: string) => ({ description: `${what} Returns the dispute once the events are stored.` });

/**
 * One mutation per domain command, all on one path (`run`): settle where the command goes with
 * the viewer's rights, build it from the input (to-command.ts), send it (DisputeCommands), and
 * answer with the dispute as stored (from the Update's answer, DisputeReader.answer). Who may do what, and when, is the domain's decide.
 */
@Resolver(() => Dispute)
export class DisputeCommandsResolver {
  constructor(
    @Inject(DISPUTE_COMMANDS) private readonly commands: DisputeCommands,
    @Inject(DISPUTE_READER) private readonly reader: DisputeReader,
  ) {}

  private async run<I extends { idempotencyKey?: string | null }>(viewer: Viewer, input: I, to: Destination, build: Builder<I>): Promise<Dispute> {
    const result = await this.commands.send(viewer, to, build(input, viewer, to.disputeId), input.idempotencyKey);
    return this.reader.answer(viewer, result, 'disputeId');
  }

  /** A command to a dispute the viewer may see; NOT_FOUND when they may not (the two look alike). */
  private async toDispute<I extends In.DisputeCommandInput>(context: RequestContext, input: I, build: Builder<I>): Promise<Dispute> {
    const viewer = requireViewer(context, ...READERS);
    addLogContext({ disputeId: input.disputeId });
    const { disputeId, state } = await this.reader.visible(viewer, input.disputeId, 'disputeId');
    return this.run(viewer, input, { kind: 'existing', disputeId, state }, build);
  }

  @Mutation(() => Dispute, { description: 'The buyer opens a dispute on one of their orders. Returns once the opening is recorded.' })
  async openDispute(@Args('input') input: OpenDisputeInput, @Context() context: RequestContext): Promise<Dispute> {
    // Any account may ask: who may open (the order's buyer) is the domain's rule, with its own refusal.
    const viewer = requireViewer(context);
    return this.run(viewer, input, await this.commands.newDisputeOn(input.orderId), toCommand.openDispute);
  }

  @Mutation(() => Dispute, returns('The seller answers the dispute: accept the request, counter-offer, or reject with evidence.'))
  respondToDispute(@Args('input') input: In.RespondToDisputeInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.respondToDispute);
  }

  @Mutation(() => Dispute, returns('A party (or the mediator holding the case) posts a message.'))
  postMessage(@Args('input') input: In.PostMessageInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.postMessage);
  }

  @Mutation(() => Dispute, returns('A party adds uploaded files to the case file.'))
  addEvidence(@Args('input') input: In.AddEvidenceInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.addEvidence);
  }

  @Mutation(() => Dispute, returns('A party proposes a resolution; it supersedes their previous open offer.'))
  makeOffer(@Args('input') input: In.MakeOfferInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.makeOffer);
  }

  @Mutation(() => Dispute, returns('A party accepts the other party\u2019s open offer.'))
  acceptOffer(@Args('input') input: In.AcceptOfferInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.acceptOffer);
  }

  @Mutation(() => Dispute, returns('A party rejects the other party\u2019s open offer.'))
  rejectOffer(@Args('input') input: In.RejectOfferInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.rejectOffer);
  }

  @Mutation(() => Dispute, returns('A party asks the platform to mediate.'))
  escalateDispute(@Args('input') input: In.EscalateDisputeInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.escalateDispute);
  }

  @Mutation(() => Dispute, returns('The buyer withdraws the dispute (before any outcome).'))
  withdrawDispute(@Args('input') input: In.WithdrawDisputeInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.withdrawDispute);
  }

  @Mutation(() => Dispute, returns('A mediator takes an unassigned case.'))
  claimCase(@Args('input') input: In.ClaimCaseInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.claimCase);
  }

  @Mutation(() => Dispute, returns('The mediator holding the case asks a party for information by a deadline.'))
  requestInformation(@Args('input') input: In.RequestInformationInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.requestInformation);
  }

  @Mutation(() => Dispute, returns('The asked party answers an information request.'))
  answerInformationRequest(@Args('input') input: In.AnswerInformationRequestInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.answerInformationRequest);
  }

  @Mutation(() => Dispute, returns('The mediator holding the case rules on it.'))
  issueDecision(@Args('input') input: In.IssueDecisionInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.issueDecision);
  }

  @Mutation(() => Dispute, returns('A party appeals the decision once, with new grounds.'))
  fileAppeal(@Args('input') input: In.FileAppealInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.fileAppeal);
  }

  @Mutation(() => Dispute, returns('A different mediator decides the appeal; final.'))
  decideAppeal(@Args('input') input: In.DecideAppealInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.decideAppeal);
  }

  @Mutation(() => Dispute, returns('The buyer records the return shipment.'))
  markReturnShipped(@Args('input') input: In.MarkReturnShippedInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.markReturnShipped);
  }

  @Mutation(() => Dispute, returns('The seller confirms the returned item arrived.'))
  confirmReturnReceived(@Args('input') input: In.ConfirmReturnReceivedInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.confirmReturnReceived);
  }

  @Mutation(() => Dispute, returns('The seller contests the returned item, with evidence; the case goes back to mediation.'))
  contestReturn(@Args('input') input: In.ContestReturnInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.contestReturn);
  }

  @Mutation(() => Dispute, returns('The seller records the shipment of an agreed replacement.'))
  markReplacementShipped(@Args('input') input: In.MarkReplacementShippedInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.markReplacementShipped);
  }

  @Mutation(() => Dispute, returns('The buyer confirms the replacement arrived; the dispute closes.'))
  confirmReplacementReceived(@Args('input') input: In.ConfirmReplacementReceivedInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.confirmReplacementReceived);
  }

  @Mutation(() => Dispute, returns('The buyer reports a problem with the replacement, with evidence; the case goes back to mediation.'))
  reportReplacementProblem(@Args('input') input: In.ReportReplacementProblemInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.reportReplacementProblem);
  }

  @Mutation(() => Dispute, returns('The seller concedes at any stage before the final ruling: the buyer\u2019s request, or a full refund.'))
  concedeDispute(@Args('input') input: In.ConcedeDisputeInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.concedeDispute);
  }

  @Mutation(() => Dispute, returns('The mediator holding the case hands it back to the queue.'))
  releaseCase(@Args('input') input: In.ReleaseCaseInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.releaseCase);
  }

  @Mutation(() => Dispute, returns('A lead mediator gives a case in mediation to a mediator.'))
  reassignCase(@Args('input') input: In.ReassignCaseInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.reassignCase);
  }

  @Mutation(() => Dispute, returns('The mediator holding the case moves a running deadline later, within the policy\u2019s bounds.'))
  extendDeadline(@Args('input') input: In.ExtendDeadlineInput, @Context() context: RequestContext) {
    return this.toDispute(context, input, toCommand.extendDeadline);
  }

  @Mutation(() => RefundRetry, {
    description: 'An operator (SYSTEM account) orders one more attempt at a failed refund; the attempt runs at once. Returns once the order is stored.',
  })
  async retryRefund(@Args('input') input: In.RetryRefundInput, @Context() context: RequestContext): Promise<RefundRetry> {
    // The system reads no dispute but acts on every one (the domain's `visible`), so this path skips canRead.
    const viewer = requireViewer(context, 'SYSTEM');
    addLogContext({ disputeId: input.disputeId });
    const { disputeId, state } = await this.reader.forSystem(input.disputeId, 'disputeId');
    const result = await this.commands.send(viewer, { kind: 'existing', disputeId, state }, toCommand.retryRefund(input, viewer, disputeId), input.idempotencyKey);
    return { disputeId, status: result.state.status, version: result.state.version, refund: result.state.refund ? { ...result.state.refund } : null };
  }
}
