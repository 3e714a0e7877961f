import { registerEnumType } from '@nestjs/graphql';
import { CARRIER_CODES, COMMAND_TYPES, type DisputeCommandType, DISPUTE_STATUSES, EVIDENCE_KINDS, NOT_AS_DESCRIBED_SUB_REASONS, NOT_RECEIVED_SUB_REASONS, OFFER_KINDS, ROLES } from '../../../../libs/domain/src';

// GraphQL enums built from the domain's own lists, so the schema cannot drift from the rules.
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const DisputeStatusEnum = enumOf(DISPUTE_STATUSES);
export const ReasonEnum = enumOf(['NOT_RECEIVED', 'NOT_AS_DESCRIBED'] as const);
export const SubReasonEnum = enumOf([...NOT_RECEIVED_SUB_REASONS, ...NOT_AS_DESCRIBED_SUB_REASONS]);
export const OfferKindEnum = enumOf(OFFER_KINDS);
export const EvidenceKindEnum = enumOf(EVIDENCE_KINDS);
export const PartyEnum = enumOf(['BUYER', 'SELLER'] as const);
export const RoleEnum = enumOf(ROLES);

registerEnumType(DisputeStatusEnum, { name: 'DisputeStatus', description: 'Where the dispute is in its lifecycle.' });
registerEnumType(ReasonEnum, { name: 'DisputeReason', description: 'Why the buyer opened the dispute; never changes.' });
registerEnumType(SubReasonEnum, { name: 'DisputeSubReason' });
registerEnumType(OfferKindEnum, { name: 'OfferKind', description: 'The resolution an offer proposes.' });
registerEnumType(EvidenceKindEnum, { name: 'EvidenceKind' });
registerEnumType(PartyEnum, { name: 'Party' });
registerEnumType(RoleEnum, { name: 'Role' });

export const RespondKindEnum = enumOf(['ACCEPT_REQUEST', 'COUNTER_OFFER', 'REJECT'] as const);
export const DecisionOutcomeEnum = enumOf(['FULL_REFUND', 'PARTIAL_REFUND', 'RETURN_AND_REFUND', 'NO_REFUND', 'REPLACEMENT'] as const);
export const OutcomeKindEnum = enumOf([...OFFER_KINDS, 'NO_REFUND'] as const);
export const OfferStatusEnum = enumOf(['OPEN', 'ACCEPTED', 'REJECTED', 'SUPERSEDED', 'LAPSED'] as const);
export const DeadlineKindEnum = enumOf(['SELLER_RESPONSE', 'NEGOTIATION', 'MEDIATION_SLA', 'INFORMATION_REQUEST', 'APPEAL_WINDOW', 'RETURN_SHIPMENT', 'RETURN_RECEIPT', 'REPLACEMENT_SHIPMENT', 'REPLACEMENT_CONFIRMATION'] as const);
export const MediationStageEnum = enumOf(['MEDIATION', 'APPEAL'] as const);
export const EscalationReasonEnum = enumOf(['SELLER_NO_RESPONSE', 'NEGOTIATION_TIMEOUT', 'BUYER_REQUEST', 'SELLER_REQUEST', 'RETURN_CONTESTED', 'REPLACEMENT_PROBLEM', 'REPLACEMENT_NOT_SHIPPED'] as const);
export const ResolutionRouteEnum = enumOf(['AGREEMENT', 'DECISION', 'APPEAL', 'RETURN_ABANDONED', 'CONCESSION'] as const);
export const ConcessionRemedyEnum = enumOf(['AS_REQUESTED', 'FULL_REFUND'] as const);
export const InformationRequestStatusEnum = enumOf(['OPEN', 'ANSWERED', 'EXPIRED'] as const);
export const ReturnStatusEnum = enumOf(['AWAITING_SHIPMENT', 'IN_TRANSIT', 'RECEIVED', 'CONTESTED', 'ABANDONED'] as const);
export const ReplacementStatusEnum = enumOf(['AWAITING_SHIPMENT', 'IN_TRANSIT', 'RECEIVED', 'DISPUTED', 'NOT_SHIPPED'] as const);
export const CarrierEnum = enumOf(CARRIER_CODES);
export const RefundStatusEnum = enumOf(['REQUESTED', 'SUCCEEDED', 'FAILED'] as const);
/** The domain's refusal codes (the API's closed set less its own transport codes): what openDispute answers, and why My Orders says it cannot. */
export const RefusalCodeEnum = enumOf(['NOT_FOUND', 'FORBIDDEN', 'INVALID_STATE', 'DEADLINE_PASSED', 'VALIDATION', 'CONFLICT'] as const);

/** The domain's command types in SCREAMING_CASE (MakeOffer → MAKE_OFFER), as availableActions lists them. */
export const actionName = (commandType: string): string => commandType.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
/**
 * Commands only the system's own machinery sends (the refund saga, the timers, an operator's
 * refund retry): no reader of a Dispute is ever offered them, so the public enum leaves them out
 * (docs/api.md, "DisputeAction").
 */
const isMachineCommand = (type: DisputeCommandType): boolean =>
  type === 'RequestRefund' || type === 'RecordRefundSucceeded' || type === 'RecordRefundFailed' || type === 'RetryRefund' || type.endsWith('Elapsed');
export const PUBLIC_ACTIONS: readonly DisputeCommandType[] = COMMAND_TYPES.filter((type) => !isMachineCommand(type));
/** availableActions as the API shows it: the public actions, by their enum names. */
export const publicActions = (types: readonly DisputeCommandType[]): string[] => types.filter((type) => !isMachineCommand(type)).map(actionName);
export const DisputeActionEnum = Object.fromEntries(PUBLIC_ACTIONS.map((type) => [actionName(type), actionName(type)])) as Record<string, string>;

registerEnumType(RespondKindEnum, { name: 'SellerResponseKind', description: 'How the seller first answers the dispute.' });
registerEnumType(DecisionOutcomeEnum, { name: 'DecisionOutcome', description: 'What a mediator may rule; NO_REFUND is the seller\u2019s favour.' });
registerEnumType(OutcomeKindEnum, { name: 'OutcomeKind' });
registerEnumType(OfferStatusEnum, { name: 'OfferStatus' });
registerEnumType(DeadlineKindEnum, { name: 'DeadlineKind' });
registerEnumType(MediationStageEnum, { name: 'MediationStage' });
registerEnumType(EscalationReasonEnum, { name: 'EscalationReason' });
registerEnumType(ResolutionRouteEnum, { name: 'ResolutionRoute' });
registerEnumType(ConcessionRemedyEnum, { name: 'ConcessionRemedy', description: 'What a conceding seller gives: the buyer\u2019s request as it stands, or a full refund with the item kept.' });
registerEnumType(InformationRequestStatusEnum, { name: 'InformationRequestStatus' });
registerEnumType(ReturnStatusEnum, { name: 'ReturnStatus' });
registerEnumType(ReplacementStatusEnum, { name: 'ReplacementStatus' });
registerEnumType(CarrierEnum, { name: 'Carrier', description: 'A parcel carrier; OTHER comes with the carrier\u2019s name.' });
registerEnumType(RefundStatusEnum, { name: 'RefundStatus' });
registerEnumType(RefusalCodeEnum, { name: 'RefusalCode', description: 'A stable code of the API’s closed set, as errors carry it in extensions.code.' });
registerEnumType(DisputeActionEnum, { name: 'DisputeAction', description: 'A command the viewer may issue now (the domain\u2019s availableActions).' });
