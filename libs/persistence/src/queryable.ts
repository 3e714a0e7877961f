/**
 * Anything that runs SQL: a TypeORM DataSource, an EntityManager or a QueryRunner. The
 * operations take one, so a caller can run several of them in one transaction (one snapshot).
 */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}
