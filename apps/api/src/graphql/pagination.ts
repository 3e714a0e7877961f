import { Field, ObjectType } from '@nestjs/graphql';
import { ApiError } from './errors';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor: string | null;
}

export const MAX_PAGE_SIZE = 100;

/** Checks `first` (1 to 100). */
export function pageSize(first: number, field = 'first'): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw new ApiError('VALIDATION', `${field} must be between 1 and ${MAX_PAGE_SIZE}.`, field);
  return first;
}

/** Cursors are opaque to clients: base64url of a JSON array of the sort key. */
export const encodeCursor = (key: readonly (string | number)[]): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Numbers in cursors are event sequences: PostgreSQL integers, so 1.5 or 1e300 would be a query error. */
const isSequence = (part: unknown): boolean => Number.isSafeInteger(part) && (part as number) >= 0 && (part as number) <= 2_147_483_647;

export function decodeCursor<T extends readonly (string | number)[]>(cursor: string | null | undefined, shape: readonly ('string' | 'number')[]): T | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    const fits = (part: unknown, index: number) => (shape[index] === 'number' ? isSequence(part) : typeof part === 'string');
    if (Array.isArray(key) && key.length === shape.length && key.every(fits)) return key as unknown as T;
  } catch {
    // fall through to the refusal
  }
  throw new ApiError('VALIDATION', 'The cursor is not one this API handed out; pass endCursor from a previous page.', 'after');
}

/** Splits one extra row fetched beyond the page into `hasNextPage`. */
export function page<T>(rows: T[], size: number, cursorOf: (row: T) => string): { edges: { cursor: string; node: T }[]; pageInfo: PageInfo } {
  const visible = rows.slice(0, size);
  const edges = visible.map((node) => ({ cursor: cursorOf(node), node }));
  return { edges, pageInfo: { hasNextPage: rows.length > size, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null } };
}
