import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { isPolicyLine, isStorableText, POLICY_LINE_RULE, readPolicyDocument, type Role } from '../../../../libs/domain/src';
import type { PolicyStore } from '../../../../libs/persistence/src';
import { POLICY_STORE } from '../api.tokens';
import { requireViewer } from '../auth/require-viewer';
import type { RequestContext } from '../auth/viewer';
import { ApiError } from '../graphql/errors';
import { pageSize } from '../graphql/pagination';
import { toPublishedPolicy } from './policy-mapping';
import { PublishedPolicy, PublishPolicyInput } from './policy.types';

/** Who reads policy lines: administrators who publish them, mediators who cite them, auditors who check them. */
export const POLICY_READERS: readonly Role[] = ['ADMIN', 'MEDIATOR', 'AUDITOR'];
const MAX_NOTE_LENGTH = 1000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** Published policies: publish (ADMIN) and read the lines. Validation is the domain's (readPolicyDocument). */
@Resolver(() => PublishedPolicy)
export class PolicyResolver {
  constructor(@Inject(POLICY_STORE) private readonly policies: PolicyStore) {}

  @Query(() => [PublishedPolicy], { description: 'The current version of every policy line (administrators, mediators, auditors).' })
  async policyLines(@Context() context: RequestContext): Promise<PublishedPolicy[]> {
    requireViewer(context, ...POLICY_READERS);
    return (await this.policies.lines()).map(toPublishedPolicy);
  }

  @Query(() => [PublishedPolicy], { description: 'A policy line\u2019s versions, newest first (administrators, mediators, auditors).' })
  async policyVersions(
    @Args('line') line: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Context() context: RequestContext,
  ): Promise<PublishedPolicy[]> {
    requireViewer(context, ...POLICY_READERS);
    const versions = await this.policies.versions(lineOf(line), pageSize(first));
    if (versions.length === 0) throw new ApiError('NOT_FOUND', `No policy has been published on line "${line}".`, 'line');
    return versions.map(toPublishedPolicy);
  }

  @Mutation(() => PublishedPolicy, { description: 'An administrator publishes a whole policy as the next version of a line; disputes opening on the line from now on pin it, running ones keep theirs.' })
  async publishPolicy(@Args('input') input: PublishPolicyInput, @Context() context: RequestContext): Promise<PublishedPolicy> {
    const viewer = requireViewer(context, 'ADMIN');
    const line = lineOf(input.line);
    const note = noteOf(input.note);
    const key = input.idempotencyKey;
    if (key !== undefined && key !== null && (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH)) {
      throw new ApiError('VALIDATION', `The idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters long.`, 'idempotencyKey');
    }
    const reading = readPolicyDocument({ ...input.policy, clauses: input.policy.clauses.map((clause) => ({ id: clause.id, text: clause.text })) });
    if (!reading.ok) {
      const [first, ...more] = reading.problems;
      const rest = more.length > 0 ? ` (${more.length} more problem${more.length > 1 ? 's' : ''} after this one; the policy is refused whole.)` : '';
      throw new ApiError('VALIDATION', `${first.message}${rest}`, `policy.${first.field}`);
    }
    const { row } = await this.policies.publish({
      line,
      policy: reading.policy,
      publishedBy: viewer.id,
      note,
      // Scoped to the caller like dispute commands' keys, so one administrator's key never answers another's.
      commandId: key ? `${viewer.role}:${viewer.id}:${key}` : null,
    });
    return toPublishedPolicy(row);
  }
}

function lineOf(line: string): string {
  if (!isPolicyLine(line)) throw new ApiError('VALIDATION', `The line "${line}" is not a policy line id: ${POLICY_LINE_RULE}.`, 'line');
  return line;
}

function noteOf(note: string | null | undefined): string | null {
  if (note === null || note === undefined || note.trim() === '') return null;
  if (note.length > MAX_NOTE_LENGTH || !isStorableText(note)) throw new ApiError('VALIDATION', `The note must be at most ${MAX_NOTE_LENGTH} characters of storable text.`, 'note');
  return note.trim();
}
