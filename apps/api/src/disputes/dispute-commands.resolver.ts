import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { DisputeCommand } from '../../../../libs/domain/src';
import { addLogContext } from '../../../../libs/platform/src';
import { DISPUTE_COMMANDS, DISPUTE_READER } from '../api.tokens';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext, Viewer } from '../auth/viewer';
import * as In from './command.inputs';
import type { DisputeCommands } from './dispute-commands';
import type { DisputeReader } from './dispute-reader';
import { READERS } from './dispute.resolver';
import { Dispute } from './dispute.types';
import { toCommand } from './to-command';

const returns = (what: string) => ({ description: `${what} Returns the dispute once the events are stored.` });

/**
 * One mutation per domain command. Each reads the dispute with the viewer's rights (NOT_FOUND
 * when they may not see it), sends the command as a validated Update, and answers with the
 * dispute as stored. Who may do what, and when, is the domain's decide in the workflow.
 */
@Resolver(() => Dispute)
export class DisputeCommandsResolver {
  constructor(
    @Inject(DISPUTE_COMMANDS) private readonly commands: DisputeCommands,
    @Inject(DISPUTE_READER) private readonly reader: DisputeReader,
  ) {}

  private async run<I extends In.DisputeCommandInput>(context: RequestContext, input: I, build: (input: I, actor: Viewer) => DisputeCommand): Promise<Dispute> {
    const viewer = requireViewer(context, ...READERS);
    addLogContext({ disputeId: input.disputeId });
    const current = await this.reader.visible(viewer, input.disputeId, 'disputeId');
    await this.commands.send(viewer, current, build(input, viewer), input.idempotencyKey);
    return this.reader.get(viewer, input.disputeId, 'disputeId');
  }

  @Mutation(() => Dispute, returns('The seller answers the dispute: accept the request, counter-offer, or reject with evidence.'))
  respondToDispute(@Args('input') input: In.RespondToDisputeInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.respondToDispute);
  }

  @Mutation(() => Dispute, returns('A party (or the mediator holding the case) posts a message.'))
  postMessage(@Args('input') input: In.PostMessageInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.postMessage);
  }

  @Mutation(() => Dispute, returns('A party adds uploaded files to the case file.'))
  addEvidence(@Args('input') input: In.AddEvidenceInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.addEvidence);
  }

  @Mutation(() => Dispute, returns('A party proposes a resolution; it supersedes their previous open offer.'))
  makeOffer(@Args('input') input: In.MakeOfferInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.makeOffer);
  }

  @Mutation(() => Dispute, returns('A party accepts the other party\u2019s open offer.'))
  acceptOffer(@Args('input') input: In.AcceptOfferInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.acceptOffer);
  }

  @Mutation(() => Dispute, returns('A party rejects the other party\u2019s open offer.'))
  rejectOffer(@Args('input') input: In.RejectOfferInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.rejectOffer);
  }

  @Mutation(() => Dispute, returns('A party asks the platform to mediate.'))
  escalateDispute(@Args('input') input: In.EscalateDisputeInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.escalateDispute);
  }

  @Mutation(() => Dispute, returns('The buyer withdraws the dispute (before any outcome).'))
  withdrawDispute(@Args('input') input: In.WithdrawDisputeInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.withdrawDispute);
  }

  @Mutation(() => Dispute, returns('A mediator takes an unassigned case.'))
  claimCase(@Args('input') input: In.ClaimCaseInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.claimCase);
  }

  @Mutation(() => Dispute, returns('The mediator holding the case asks a party for information by a deadline.'))
  requestInformation(@Args('input') input: In.RequestInformationInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.requestInformation);
  }

  @Mutation(() => Dispute, returns('The asked party answers an information request.'))
  answerInformationRequest(@Args('input') input: In.AnswerInformationRequestInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.answerInformationRequest);
  }

  @Mutation(() => Dispute, returns('The mediator holding the case rules on it.'))
  issueDecision(@Args('input') input: In.IssueDecisionInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.issueDecision);
  }

  @Mutation(() => Dispute, returns('A party appeals the decision once, with new grounds.'))
  fileAppeal(@Args('input') input: In.FileAppealInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.fileAppeal);
  }

  @Mutation(() => Dispute, returns('A different mediator decides the appeal; final.'))
  decideAppeal(@Args('input') input: In.DecideAppealInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.decideAppeal);
  }

  @Mutation(() => Dispute, returns('The buyer records the return shipment.'))
  markReturnShipped(@Args('input') input: In.MarkReturnShippedInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.markReturnShipped);
  }

  @Mutation(() => Dispute, returns('The seller confirms the returned item arrived.'))
  confirmReturnReceived(@Args('input') input: In.ConfirmReturnReceivedInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.confirmReturnReceived);
  }

  @Mutation(() => Dispute, returns('The seller contests the returned item, with evidence; the case goes back to mediation.'))
  contestReturn(@Args('input') input: In.ContestReturnInput, @Context() context: RequestContext) {
    return this.run(context, input, toCommand.contestReturn);
  }
}
