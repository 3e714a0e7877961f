import { registerEnumType } from '@nestjs/graphql';
import { EVIDENCE_KINDS, NOT_AS_DESCRIBED_SUB_REASONS, NOT_RECEIVED_SUB_REASONS, OFFER_KINDS } from '../../../../libs/domain/src';

// GraphQL enums built from the domain's own lists, so the schema cannot drift from the rules.
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };

export const DisputeStatusEnum = enumOf(['OPEN', 'NEGOTIATING', 'AGREED', 'AWAITING_RETURN', 'RETURN_IN_TRANSIT', 'UNDER_MEDIATION', 'DECIDED', 'UNDER_APPEAL', 'RESOLVED', 'CLOSED', 'WITHDRAWN'] as const);
export const ReasonEnum = enumOf(['NOT_RECEIVED', 'NOT_AS_DESCRIBED'] as const);
export const SubReasonEnum = enumOf([...NOT_RECEIVED_SUB_REASONS, ...NOT_AS_DESCRIBED_SUB_REASONS]);
export const OfferKindEnum = enumOf(OFFER_KINDS);
export const EvidenceKindEnum = enumOf(EVIDENCE_KINDS);
export const PartyEnum = enumOf(['BUYER', 'SELLER'] as const);
export const RoleEnum = enumOf(['BUYER', 'SELLER', 'MEDIATOR', 'AUDITOR', 'SYSTEM'] as const);

registerEnumType(DisputeStatusEnum, { name: 'DisputeStatus', description: 'Where the dispute is in its lifecycle.' });
registerEnumType(ReasonEnum, { name: 'DisputeReason', description: 'Why the buyer opened the dispute; never changes.' });
registerEnumType(SubReasonEnum, { name: 'DisputeSubReason' });
registerEnumType(OfferKindEnum, { name: 'OfferKind', description: 'The resolution an offer proposes.' });
registerEnumType(EvidenceKindEnum, { name: 'EvidenceKind' });
registerEnumType(PartyEnum, { name: 'Party' });
registerEnumType(RoleEnum, { name: 'Role' });
