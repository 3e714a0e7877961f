import { completePolicy, toPolicyDocument, type Policy as DomainPolicy } from '../../../../libs/domain/src';
import type { PolicyVersionRow } from '../../../../libs/persistence/src';
import type { Policy, PublishedPolicy } from './policy.types';

/** A policy as GraphQL shows it; a pin from before the second edition shows the values the rules apply to it. */
export function toPolicy(policy: DomainPolicy): Policy {
  return { ...toPolicyDocument(completePolicy(policy)), line: policy.line ?? null, lineVersion: policy.lineVersion ?? null } as unknown as Policy;
}

export function toPublishedPolicy(row: PolicyVersionRow): PublishedPolicy {
  return {
    line: row.line,
    lineVersion: row.version,
    policy: toPolicy({ ...row.policy, line: row.line, lineVersion: row.version }),
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt,
    note: row.note,
  };
}
