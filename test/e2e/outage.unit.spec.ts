import { ServiceError } from '@temporalio/client';
import { GraphQLError } from 'graphql';
import { Client, DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { publicCode } from '../../apps/api/src/graphql/format-error';
import { isOutage } from '../../apps/api/src/graphql/outage';
import { freePort } from '../support/processes';

/** A pg DatabaseError as the driver builds it from a server's ErrorResponse. */
function serverError(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.code = code;
  return error;
}

/** The status error @grpc/grpc-js rejects a call with (code, details, metadata). */
const grpcStatus = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });

describe('telling an unreachable dependency from a bad request', () => {
  it('a refused PostgreSQL connection is an outage (a real connect to a closed port)', async () => {
    const client = new Client({ host: '127.0.0.1', port: await freePort(), connectionTimeoutMillis: 2_000 });
    const refused = await client.connect().then(() => null, (error: unknown) => error);
    expect(refused).not.toBeNull();
    expect(isOutage(refused)).toBe(true);
    expect(publicCode('INTERNAL_SERVER_ERROR', refused)).toBe('UNAVAILABLE');
  });

  it.each([
    ['08006', 'connection failure'],
    ['57P01', 'terminating connection due to administrator command'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
  ])('PostgreSQL SQLSTATE %s (%s), also wrapped by TypeORM, is an outage', (code, message) => {
    const error = serverError(code, message);
    expect(isOutage(error)).toBe(true);
    expect(isOutage(new QueryFailedError('SELECT 1', [], error))).toBe(true);
  });

  it.each([
    ['23505', 'duplicate key value violates unique constraint'],
    ['42601', 'syntax error at or near "SELEC"'],
    ['22P02', 'invalid input syntax for type uuid'],
  ])('PostgreSQL SQLSTATE %s (%s) is a fault of ours, not an outage', (code, message) => {
    expect(isOutage(new QueryFailedError('SELECT 1', [], serverError(code, message)))).toBe(false);
    expect(publicCode(undefined, serverError(code, message))).toBe('INTERNAL');
  });

  it('node-postgres messages for a dropped connection are outages', () => {
    expect(isOutage(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isOutage(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('Temporal unreachable or too slow (gRPC 14, 4) is an outage; other gRPC failures are not', () => {
    expect(isOutage(new ServiceError('Failed to start workflow', { cause: grpcStatus(14, 'No connection established') }))).toBe(true);
    expect(isOutage(new ServiceError('Failed to query', { cause: grpcStatus(4, 'Deadline exceeded') }))).toBe(true);
    expect(isOutage(new ServiceError('Bad request', { cause: grpcStatus(3, 'invalid argument') }))).toBe(false);
  });

  it('plain bugs and our own refusals keep their codes', () => {
    expect(isOutage(new TypeError("Cannot read properties of undefined (reading 'status')"))).toBe(false);
    expect(publicCode('INTERNAL_SERVER_ERROR', new TypeError('x'))).toBe('INTERNAL');
    expect(publicCode('CONFLICT', new Error('ECONNREFUSED'))).toBe('CONFLICT');
    expect(publicCode('GRAPHQL_VALIDATION_FAILED')).toBe('VALIDATION');
  });

  it('looks through a GraphQL error to what the resolver threw, and survives cyclic causes', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isOutage(new GraphQLError('failed', { originalError: refused }))).toBe(true);
    const cyclic: Error & { cause?: unknown } = new Error('loop');
    cyclic.cause = { cause: cyclic };
    expect(isOutage(cyclic)).toBe(false);
  });
});
