// Every command type's handler, in one table: decide dispatches on it and availableActions asks its guards.
import type { DisputeCommandType } from '../commands';
import { rejection } from '../result';
import type { Handler } from './context';
import { openDispute } from './open-dispute';

const notYet = <T extends DisputeCommandType>(): Handler<T> => ({
  guard: () => rejection('INVALID_STATE', 'This command is not supported yet.'),
  decide: () => ({ ok: false, rejection: rejection('INVALID_STATE', 'This command is not supported yet.') }),
});

export const HANDLERS: { [T in DisputeCommandType]: Handler<T> } = {
  OpenDispute: openDispute,
  RespondToDispute: notYet(),
  PostMessage: notYet(),
  AddEvidence: notYet(),
  MakeOffer: notYet(),
  AcceptOffer: notYet(),
  RejectOffer: notYet(),
  EscalateDispute: notYet(),
  WithdrawDispute: notYet(),
  ClaimCase: notYet(),
  RequestInformation: notYet(),
  AnswerInformationRequest: notYet(),
  IssueDecision: notYet(),
  FileAppeal: notYet(),
  DecideAppeal: notYet(),
  MarkReturnShipped: notYet(),
  ConfirmReturnReceived: notYet(),
  ContestReturn: notYet(),
  RequestRefund: notYet(),
  RecordRefundSucceeded: notYet(),
  RecordRefundFailed: notYet(),
  SellerResponseWindowElapsed: notYet(),
  NegotiationWindowElapsed: notYet(),
  MediationSlaElapsed: notYet(),
  InformationRequestElapsed: notYet(),
  AppealWindowElapsed: notYet(),
  ReturnShipmentWindowElapsed: notYet(),
  ReturnReceiptWindowElapsed: notYet(),
};
