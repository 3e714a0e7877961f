import type { Pool } from 'pg';

export interface BaselineActivities {
  /** Inserts one row and returns its id. */
  insertRow(payload: string): Promise<number>;
}

export const BASELINE_TABLE_DDL = 'CREATE TABLE IF NOT EXISTS bench_baseline_rows (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())';

export function baselineActivities(pool: Pool): BaselineActivities {
  return {
    async insertRow(payload) {
      const { rows } = await pool.query<{ id: string }>('INSERT INTO bench_baseline_rows (payload) VALUES ($1) RETURNING id', [payload]);
      return Number(rows[0].id);
    },
  };
}
