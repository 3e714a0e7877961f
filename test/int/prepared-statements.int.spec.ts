import type { DataSource } from 'typeorm';
import { queryPrepared } from '../../libs/persistence/src/prepared-statements';
import { openTestDataSource } from '../support/database';

const preparedNames = (db: { query: DataSource['query'] }) => db.query<{ name: string }[]>('SELECT name FROM pg_prepared_statements').then((rows) => rows.map((row) => row.name));

describe('statements run prepared', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    // One connection, so the session that prepared a statement is the one asked about it.
    dataSource = await openTestDataSource(1);
  });
  afterAll(() => dataSource.destroy());

  it('prepares a statement once per connection, under a name taken from its text', async () => {
    const sql = 'SELECT $1::int + 1 AS next';
    expect(await queryPrepared(dataSource, sql, [41])).toEqual([{ next: 42 }]);
    expect(await queryPrepared(dataSource, sql, [1])).toEqual([{ next: 2 }]);
    const other = 'SELECT $1::int * 2 AS doubled';
    expect(await queryPrepared(dataSource, other, [21])).toEqual([{ doubled: 42 }]);
    const names = (await preparedNames(dataSource)).filter((name) => name.startsWith('d_'));
    expect(names).toHaveLength(2);
  });

  it('runs the same text unnamed inside a transaction, which sees its own writes', async () => {
    const seen = await dataSource.transaction(async (manager) => {
      await manager.query('CREATE TEMP TABLE prepared_probe (n int) ON COMMIT DROP');
      await manager.query('INSERT INTO prepared_probe VALUES (7)');
      return queryPrepared<{ n: number }[]>(manager, 'SELECT n FROM prepared_probe', []);
    });
    expect(seen).toEqual([{ n: 7 }]);
  });

  it('raises the database error itself, with its code', async () => {
    await expect(queryPrepared(dataSource, 'SELECT 1 / $1::int AS x', [0])).rejects.toMatchObject({ code: '22012' });
  });
});
