import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { defaultPolicy, type Policy } from '../../libs/domain/src';
import { OrderStore, policyOf, PolicyStore } from '../../libs/persistence/src';
import { anOrder } from '../support/fixtures';
import { openTestDataSource } from '../support/database';

/** A line of its own per test, so tests never see each other's versions. */
const aLine = () => `int-${randomUUID().slice(0, 8)}`;
const shorter = (days: number): Policy => ({ ...defaultPolicy, version: `short-${days}`, sellerResponseWindowMs: days * 24 * 60 * 60 * 1000 });

describe('the policy store (append-only versions per line)', () => {
  let dataSource: DataSource;
  let store: PolicyStore;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new PolicyStore(dataSource);
  });
  afterAll(() => dataSource.destroy());

  it('holds the built-in policy as version 1 of line default, published by the migration', async () => {
    const [first] = (await store.versions('default', 100)).slice(-1);
    expect(first).toMatchObject({ line: 'default', version: 1, publishedBy: 'migration', policy: defaultPolicy });
    expect(policyOf(first)).toEqual({ ...defaultPolicy, line: 'default', lineVersion: 1 });
  });

  it('numbers versions 1, 2, ... per line; the current version is the highest', async () => {
    const line = aLine();
    expect(await store.current(line)).toBeNull();
    const one = await store.publish({ line, policy: shorter(3), publishedBy: 'admin-ava', note: 'first', commandId: null });
    const two = await store.publish({ line, policy: shorter(2), publishedBy: 'admin-ava', note: null, commandId: null });
    expect([one.row.version, two.row.version]).toEqual([1, 2]);
    expect(await store.current(line)).toMatchObject({ line, version: 2, policy: shorter(2), publishedBy: 'admin-ava', note: null });
    expect((await store.versions(line, 10)).map((row) => [row.version, row.note])).toEqual([
      [2, null],
      [1, 'first'],
    ]);
    expect((await store.lines()).find((row) => row.line === line)).toMatchObject({ version: 2 });
  });

  it('keeps numbers contiguous when publishers race on one line', async () => {
    const line = aLine();
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.publish({ line, policy: shorter(i + 1), publishedBy: 'admin-ava', note: null, commandId: null })));
    expect((await store.versions(line, 20)).map((row) => row.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('returns the version a command id published instead of publishing again', async () => {
    const line = aLine();
    const commandId = `ADMIN:admin-ava:${randomUUID()}`;
    const first = await store.publish({ line, policy: shorter(3), publishedBy: 'admin-ava', note: null, commandId });
    const retry = await store.publish({ line, policy: shorter(1), publishedBy: 'admin-ava', note: null, commandId });
    expect([first.published, retry.published]).toEqual([true, false]);
    expect(retry.row).toEqual(first.row);
    expect((await store.versions(line, 10)).length).toBe(1);
  });

  describe('is append-only in the database itself', () => {
    it('refuses UPDATE, DELETE and TRUNCATE, even for a superuser', async () => {
      await expect(dataSource.query(`UPDATE policy_versions SET note = 'edited' WHERE line = 'default'`)).rejects.toThrow(/append-only: UPDATE refused/);
      await expect(dataSource.query(`DELETE FROM policy_versions WHERE line = 'default'`)).rejects.toThrow(/append-only: DELETE refused/);
      await expect(dataSource.query('TRUNCATE policy_versions')).rejects.toThrow(/append-only: TRUNCATE refused/);
      expect(await store.current('default')).not.toBeNull();
    });

    it('grants the application role SELECT and INSERT only', async () => {
      const rows = await dataSource.query<{ privilege_type: string }[]>(`SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'dispute_app' AND table_name = 'policy_versions' ORDER BY 1`);
      expect(rows.map((row) => row.privilege_type)).toEqual(['INSERT', 'SELECT']);
    });

    it('refuses a line id the domain would not accept', async () => {
      await expect(store.publish({ line: 'Not A Line', policy: defaultPolicy, publishedBy: 'admin-ava', note: null, commandId: null })).rejects.toThrow(/policy_versions_line_check/);
    });
  });

  it('keeps an order\u2019s policy line, default when the feed names none', async () => {
    const orders = new OrderStore(dataSource);
    const plain = await orders.register(anOrder());
    const line = aLine();
    const onLine = await orders.register({ ...anOrder(), policyLine: line });
    expect([plain.policyLine, onLine.policyLine]).toEqual(['default', line]);
  });
});
