import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '../../support/environment';
import type { TemporalEngine } from '../../fault/support/engine';

const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'temporal-cluster.sh');
const run = promisify(execFile);

/**
 * Where scripts/test.sh started the cluster (scripts/temporal-cluster.sh, on PostgreSQL, two or
 * more nodes): the frontend clients use (node 0's).
 */
export function clusterAddress(): string {
  const { TEMPORAL_CLUSTER_ADDRESS: address, TEMPORAL_CLUSTER_PORT: port, TEMPORAL_CLUSTER_DATABASE: database } = process.env;
  // The port and the database tell scripts/temporal-cluster.sh which cluster to kill a node of, and this file where its shards are.
  if (!address || !port || !database) {
    throw new Error('TEMPORAL_CLUSTER_ADDRESS, TEMPORAL_CLUSTER_PORT and TEMPORAL_CLUSTER_DATABASE must all be set: run the cluster tier through npm test (scripts/test.sh starts the cluster and sets them)');
  }
  return address;
}

/**
 * One Temporal server process of the cluster that is not the frontend the clients use: killing
 * it takes away its history shards, matching partitions and membership, which the other nodes
 * must take over, while the services keep their connections. The script reads the cluster's
 * ports and database from the environment scripts/test.sh started it with.
 */
export class ClusterNode implements TemporalEngine {
  constructor(private readonly node: number) {}

  get address(): string {
    return clusterAddress();
  }

  async kill(): Promise<void> {
    await run('bash', [SCRIPT, 'kill-node', String(this.node)], { env: process.env });
  }

  async restart(): Promise<void> {
    await run('bash', [SCRIPT, 'start-node', String(this.node)], { env: process.env });
  }
}

/**
 * How many times the cluster's history shards have been taken by an owner, in all: each shard's
 * range id grows by one whenever a history host acquires it. Read before and after a node is
 * killed and restarted, it proves the node held shards that the others took over (and took back).
 */
export async function shardAcquisitions(): Promise<number> {
  clusterAddress(); // the cluster's settings are all there
  const url = Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${process.env.TEMPORAL_CLUSTER_DATABASE}` });
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rows } = await client.query<{ acquisitions: string }>('SELECT sum(range_id)::text AS acquisitions FROM shards');
    return Number(rows[0].acquisitions);
  } finally {
    await client.end();
  }
}
