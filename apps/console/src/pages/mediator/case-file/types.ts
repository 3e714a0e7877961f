import type { CaseFileQuery } from '../../../gql/graphql';

/** The dispute as the case file reads it (the CaseFile query). */
export type CaseDispute = CaseFileQuery['dispute'];
