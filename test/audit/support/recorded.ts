import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EventStore, type EventToAppend } from '../../../libs/persistence/src';
import { fold, projectionOf, type DisputeEvent } from '../../../libs/domain/src';
import { TEST_DATABASE_URL } from '../../support/environment';

const ACTORS: Record<string, { role: string; id: string }> = {
  BUYER: { role: 'BUYER', id: 'buyer-1' },
  SELLER: { role: 'SELLER', id: 'seller-1' },
};

/**
 * Stores a domain history through the real event store, one command per event, with the
 * projection the workflow would write beside it. Returns the new dispute's id.
 */
export async function storeHistory(dataSource: DataSource, events: DisputeEvent[], disputeId: string = randomUUID()): Promise<string> {
  const store = new EventStore(dataSource);
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index];
    const state = fold(events.slice(0, index + 1));
    const toAppend: EventToAppend = {
      sequence: index + 1,
      type: event.type,
      payload: event.data,
      actor: ACTORS[index % 2 === 0 ? 'BUYER' : 'SELLER'],
      occurredAt: event.data.at,
      commandId: `command-${index + 1}`,
      schemaVersion: 1,
    };
    await store.append(disputeId, [toAppend], projectionOf(state, event.data.at));
  }
  return disputeId;
}

/**
 * Changes the history the way only a superuser can: the append-only triggers are switched
 * off for one transaction, which changes the given dispute's rows and switches them back on.
 */
export async function asSuperuser(dataSource: DataSource, disputeId: string, statements: string[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE dispute_events DISABLE TRIGGER USER');
    for (const statement of statements) await manager.query(statement, [disputeId]);
    await manager.query('ALTER TABLE dispute_events ENABLE TRIGGER USER');
  });
}

/** Removes a tampered test dispute, so the shared test database keeps verifying as a whole. */
export function removeDispute(dataSource: DataSource, disputeId: string): Promise<void> {
  return asSuperuser(dataSource, disputeId, ['DELETE FROM dispute_events WHERE dispute_id = $1', 'DELETE FROM disputes WHERE dispute_id = $1']);
}

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a compiled script as its own process against the test database (and the given environment). */
export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<ScriptRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, ...args],
      { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
