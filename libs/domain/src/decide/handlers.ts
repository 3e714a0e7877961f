// Every command type's handler, in one table: decide dispatches on it and availableActions asks its guards.
import type { DisputeCommandType } from '../commands';
import { decideAppeal, fileAppeal } from './appeal';
import { reassignCase, releaseCase } from './assignment';
import { concedeDispute } from './concession';
import { extendDeadline } from './extension';
import type { Handler } from './context';
import { addEvidence, postMessage } from './conversation';
import { escalateDispute, withdrawDispute } from './escalation';
import { answerInformationRequest, claimCase, issueDecision, requestInformation } from './mediation';
import { acceptOffer, makeOffer, rejectOffer } from './offers';
import { openDispute } from './open-dispute';
import { recordRefundFailed, recordRefundSucceeded, requestRefund, retryRefund } from './refunds';
import {
  confirmReplacementReceived,
  markReplacementShipped,
  replacementConfirmationWindowElapsed,
  replacementShipmentWindowElapsed,
  reportReplacementProblem,
} from './replacement';
import { respondToDispute } from './respond';
import { confirmReturnReceived, contestReturn, markReturnShipped } from './returns';
import {
  appealWindowElapsed,
  informationRequestElapsed,
  mediationSlaElapsed,
  negotiationWindowElapsed,
  returnReceiptWindowElapsed,
  returnShipmentWindowElapsed,
  sellerResponseWindowElapsed,
} from './timers';

export const HANDLERS: { [T in DisputeCommandType]: Handler<T> } = {
  OpenDispute: openDispute,
  RespondToDispute: respondToDispute,
  PostMessage: postMessage,
  AddEvidence: addEvidence,
  MakeOffer: makeOffer,
  AcceptOffer: acceptOffer,
  RejectOffer: rejectOffer,
  EscalateDispute: escalateDispute,
  WithdrawDispute: withdrawDispute,
  ClaimCase: claimCase,
  RequestInformation: requestInformation,
  AnswerInformationRequest: answerInformationRequest,
  IssueDecision: issueDecision,
  FileAppeal: fileAppeal,
  DecideAppeal: decideAppeal,
  MarkReturnShipped: markReturnShipped,
  ConfirmReturnReceived: confirmReturnReceived,
  ContestReturn: contestReturn,
  MarkReplacementShipped: markReplacementShipped,
  ConfirmReplacementReceived: confirmReplacementReceived,
  ReportReplacementProblem: reportReplacementProblem,
  ReplacementShipmentWindowElapsed: replacementShipmentWindowElapsed,
  ReplacementConfirmationWindowElapsed: replacementConfirmationWindowElapsed,
  RequestRefund: requestRefund,
  RecordRefundSucceeded: recordRefundSucceeded,
  RecordRefundFailed: recordRefundFailed,
  SellerResponseWindowElapsed: sellerResponseWindowElapsed,
  NegotiationWindowElapsed: negotiationWindowElapsed,
  MediationSlaElapsed: mediationSlaElapsed,
  InformationRequestElapsed: informationRequestElapsed,
  AppealWindowElapsed: appealWindowElapsed,
  ReturnShipmentWindowElapsed: returnShipmentWindowElapsed,
  ReturnReceiptWindowElapsed: returnReceiptWindowElapsed,
  ConcedeDispute: concedeDispute,
  ReleaseCase: releaseCase,
  ReassignCase: reassignCase,
  ExtendDeadline: extendDeadline,
  RetryRefund: retryRefund,
};
