import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { defaultPolicy, toPolicyDocument } from '../../libs/domain/src';
import { PolicyStore } from '../../libs/persistence/src';
import { compiled } from '../support/compiled';
import { openTestDataSource } from '../support/database';
import { TEST_DATABASE_URL } from '../support/environment';

/** `npm run policy:publish` as operators run it: the compiled script against the test database. */
async function publishCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [compiled('scripts/policy-publish.js'), ...args], { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'silent' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('npm run policy:publish', () => {
  let dataSource: DataSource;
  let store: PolicyStore;
  let dir: string;
  const line = `cli-${randomUUID().slice(0, 8)}`;
  const defaultYaml = join(__dirname, '..', '..', 'docs', 'policies', 'default.yaml');

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    store = new PolicyStore(dataSource);
    dir = await mkdtemp(join(tmpdir(), 'policy-cli-'));
  });
  afterAll(() => dataSource.destroy());

  it('publishes a YAML file as version 1 of a new line, then nothing when it is unchanged', async () => {
    const first = await publishCli(defaultYaml, '--line', line, '--note', 'Launch of the line', '--by', 'admin-ava');
    expect(first).toMatchObject({ code: 0, stdout: expect.stringMatching(new RegExp(`^PUBLISHED ${line} version 1 \\("2026-12-05"\\) by admin-ava`)) });
    expect(await store.current(line)).toMatchObject({ version: 1, policy: defaultPolicy, publishedBy: 'admin-ava', note: 'Launch of the line' });

    const again = await publishCli(defaultYaml, '--line', line);
    expect(again).toMatchObject({ code: 0, stdout: expect.stringMatching(/^UNCHANGED/) });
    expect((await store.versions(line, 10)).length).toBe(1);
  });

  it('publishes a JSON file as the next version', async () => {
    const file = join(dir, 'shorter.json');
    await writeFile(file, JSON.stringify({ ...toPolicyDocument(defaultPolicy), version: '2027-01-15', sellerResponseWindow: 'P3D' }));
    expect((await publishCli(file, '--line', line)).code).toBe(0);
    expect(await store.current(line)).toMatchObject({ version: 2, policy: { version: '2027-01-15', sellerResponseWindowMs: 3 * 24 * 60 * 60 * 1000 }, publishedBy: expect.stringMatching(/^cli:/) });
  });

  it('prints every problem, naming its field, and publishes nothing', async () => {
    const file = join(dir, 'bad.yaml');
    const yaml = (await readFile(defaultYaml, 'utf8')).replace('sellerResponseWindow: P5D', 'sellerResponseWindow: 5 days').replace('maxOffersPerParty: 10', 'maxOffersPerParty: 0').replace('id: NR-2', 'id: NR-1');
    await writeFile(file, yaml);
    const refused = await publishCli(file, '--line', line);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^REFUSED .*bad\.yaml: 3 problems; nothing was published\./);
    expect(refused.stderr).toMatch(/\n {2}sellerResponseWindow: sellerResponseWindow must be an ISO-8601 duration/);
    expect(refused.stderr).toMatch(/\n {2}maxOffersPerParty: /);
    expect(refused.stderr).toMatch(/\n {2}clauses\[1\]\.id: Clause id NR-1 appears twice/);
    expect((await store.versions(line, 10)).length).toBe(2);
  });

  it('checks without publishing on --dry-run, and refuses bad usage with exit 2', async () => {
    expect(await publishCli(defaultYaml, '--line', `${line}-dry`, '--dry-run')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^VALID/) });
    expect(await store.current(`${line}-dry`)).toBeNull();
    expect((await publishCli(defaultYaml, '--line', 'Not A Line')).code).toBe(2);
    expect((await publishCli(join(dir, 'policy.txt'))).code).toBe(2);
    expect((await publishCli()).code).toBe(2);
  });
});
