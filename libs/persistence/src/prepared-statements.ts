import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { Queryable } from './queryable';

// The append and the opening's order read run as named prepared statements: each pooled
// connection parses one once, and PostgreSQL may then keep a generic plan instead of planning it
// again each time (the append's five-part statement took 0.3 ms to plan, half as long as it took
// to run; docs/performance.md). The name is derived from the text, so two texts never share a
// name. Inside a transaction (an EntityManager or QueryRunner) the same text runs unnamed. A
// pooler in front of PostgreSQL must keep prepared statements per client (docs/decisions.md).

const names = new Map<string, string>();
const NAMES_LIMIT = 256;

function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `d_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    if (names.size < NAMES_LIMIT) names.set(sql, name);
  }
  return name;
}

/** The pg pool behind a TypeORM DataSource, when `db` is one (not a transaction's manager). */
function poolOf(db: Queryable): Pool | undefined {
  if (!(db instanceof DataSource) || !db.isInitialized) return undefined;
  return (db.driver as unknown as { master?: Pool }).master;
}

/** Runs `sql` as a named prepared statement when `db` is the DataSource itself; rows as TypeORM's query returns them. */
export async function queryPrepared<T>(db: Queryable, sql: string, parameters: unknown[]): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return db.query<T>(sql, parameters);
  const result = await pool.query({ name: statementName(sql), text: sql, values: parameters });
  return result.rows as T;
}
