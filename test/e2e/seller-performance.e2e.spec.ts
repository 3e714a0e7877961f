// Seller performance and the platform's domain metrics through the real stack: the worker as the
// worker process builds it (WorkerModule: Temporal worker, dispatcher, /metrics over HTTP), the
// real API, Temporal and PostgreSQL. Disputes are driven over GraphQL; the figures are read back
// over GraphQL and the counters from the worker's /metrics text, both checked to exact values;
// a rebuild from the events gives the same figures.
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Client } from '@temporalio/client';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { rebuildProjections } from '../../libs/audit/src';
import { createLogger, createMetricsRegistry, loadConfig } from '../../libs/platform/src';
import { graphql, startApi, tokenFor, type RunningApi } from '../support/api';
import { NEVER, shortPolicy } from '../support/commands';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { connectClient } from '../support/temporal';
import { mutate, ok, openInput, readDispute, registerOrder, until, type RegisteredOrder } from './support/disputes';

const FIGURES = `sellerId from to disputes orders disputesPerOrder responded unanswered medianFirstResponseSeconds
  escalated escalatedShare outcomes { kind count } withdrawn targetDue resolvedWithinTarget resolvedWithinTargetShare
  refunded { minorUnits currency }`;
const QUERY = `query Perf($sellerId: ID!, $from: String!, $to: String!) { sellerPerformance(sellerId: $sellerId, from: $from, to: $to) { ${FIGURES} } }`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function samplesOf(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) return [];
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
    return [{ name: match[1], labels, value: Number(match[3]) }];
  });
}

/** The value of the one sample with this name and these labels (besides others); 0 when absent. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  if (found.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} names ${found.length} samples`);
  return found[0]?.value ?? 0;
}

describe('seller performance and domain metrics (real worker process shape, API, Temporal, PostgreSQL)', () => {
  const taskQueue = uniqueTaskQueue('e2e-seller-perf');
  let dataSource: DataSource;
  let client: Client;
  let worker: INestApplication;
  let workerUrl: string;
  let api: RunningApi;
  let system: string;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    client = await connectClient();
    const config = loadConfig({ DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'silent', NODE_ENV: 'test' });
    worker = await NestFactory.create(WorkerModule.register({ config, logger: createLogger('test-worker', 'silent'), dataSource, registry: createMetricsRegistry('worker') }), { logger: false });
    await worker.listen(0, '127.0.0.1');
    workerUrl = `http://127.0.0.1:${(worker.getHttpServer().address() as AddressInfo).port}`;
    // Only the mediation SLA is short (2 s), so an escalated case breaches it within the test; nothing else fires on its own.
    api = await startApi(dataSource, client, taskQueue, { policy: shortPolicy({ sellerResponseWindowMs: NEVER, negotiationWindowMs: NEVER }) });
    system = await tokenFor('SYSTEM', 'order-feed');
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.close();
    await client?.connection.close();
    await dataSource?.destroy();
  });

  const metrics = async (): Promise<Sample[]> => {
    const response = await fetch(`${workerUrl}/metrics`);
    expect(response.status).toBe(200);
    return samplesOf(await response.text());
  };

  const sellerId = `seller-perf-${Date.now().toString(36)}`;
  const window = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() });

  async function open(order: RegisteredOrder, requestedResolution: Record<string, unknown>, key: string) {
    const buyer = await tokenFor('BUYER', order.buyerId);
    const dispute = await ok(mutate(api.url, buyer, 'openDispute', openInput(order, { requestedResolution, idempotencyKey: key })));
    return { id: dispute.id, buyer };
  }

  it('counts what the disputes did, in GraphQL and on /metrics, and a rebuild gives the same figures', async () => {
    const seller = await tokenFor('SELLER', sellerId);
    const mediator = await tokenFor('MEDIATOR', 'mediator-maria');
    // Auditors read every dispute; mediators only escalated ones.
    const auditor = await tokenFor('AUDITOR', 'auditor-ada');
    const before = await metrics();
    const queuedBefore = valueOf(before, 'dispute_mediation_queue_depth', { stage: 'MEDIATION' });

    // Five orders of the seller; four get a dispute.
    const eur = await registerOrder(api.url, system, { sellerId });
    const jpy = await registerOrder(api.url, system, { sellerId, currency: 'JPY', amountPaidMinor: 5_000 });
    const contested = await registerOrder(api.url, system, { sellerId });
    const withdrawn = await registerOrder(api.url, system, { sellerId });
    await registerOrder(api.url, system, { sellerId });

    // 1 and 2: the seller accepts a full refund, which the workflow pays and closes (EUR, JPY).
    const paidEur = await open(eur, { kind: 'FULL_REFUND' }, 'perf-eur');
    const paidJpy = await open(jpy, { kind: 'FULL_REFUND' }, 'perf-jpy');
    for (const dispute of [paidEur, paidJpy]) {
      await ok(mutate(api.url, seller, 'respondToDispute', { disputeId: dispute.id, response: 'ACCEPT_REQUEST', idempotencyKey: `accept-${dispute.id}` }));
    }
    // 3: a counter offer, escalated by the buyer; nobody claims it, so its 2 s SLA is breached.
    const escalated = await open(contested, { kind: 'FULL_REFUND' }, 'perf-contested');
    await ok(
      mutate(api.url, seller, 'respondToDispute', {
        disputeId: escalated.id,
        response: 'COUNTER_OFFER',
        offer: { kind: 'PARTIAL_REFUND', amount: { amountMinor: 1_000, currency: 'EUR' } },
        idempotencyKey: 'counter',
      }),
    );
    await ok(mutate(api.url, escalated.buyer, 'escalateDispute', { disputeId: escalated.id, note: 'Half is not enough.', idempotencyKey: 'escalate' }));
    // 4: withdrawn before the seller answered.
    const gone = await open(withdrawn, { kind: 'FULL_REFUND' }, 'perf-withdrawn');
    await ok(mutate(api.url, gone.buyer, 'withdrawDispute', { disputeId: gone.id, reason: 'It arrived after all.', idempotencyKey: 'withdraw' }));

    const settled = async (id: string, status: string) => (await until(() => readDispute(api.url, auditor, id), (answer) => answer.data?.dispute.status === status, 30_000)).data!.dispute;
    await settled(paidEur.id, 'CLOSED');
    await settled(paidJpy.id, 'CLOSED');
    await until(
      async () => (await graphql<{ dispute: { mediation: { slaBreached: boolean } | null } }>(api.url, `query($id: ID!) { dispute(id: $id) { mediation { slaBreached } } }`, { id: escalated.id }, auditor)).data?.dispute.mediation?.slaBreached,
      (breached) => breached === true,
      30_000,
    );

    // The expected times, from the disputes as the API shows them.
    const times = await Promise.all(
      [paidEur.id, paidJpy.id, escalated.id].map(
        async (id) =>
          (await graphql<{ dispute: { openedAt: string; sellerRespondedAt: string; resolvedAt: string | null } }>(api.url, `query($id: ID!) { dispute(id: $id) { openedAt sellerRespondedAt resolvedAt } }`, { id }, auditor)).data!.dispute,
      ),
    );
    const seconds = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 1000);
    const responses = times.map((time) => seconds(time.openedAt, time.sellerRespondedAt)).sort((a, b) => a - b);
    const resolutions = times.slice(0, 2).map((time) => seconds(time.openedAt, time.resolvedAt as string));

    const { from, to } = window();
    const figures = await graphql<{ sellerPerformance: Record<string, unknown> }>(api.url, QUERY, { sellerId, from, to }, seller);
    expect(figures.errors).toBeUndefined();
    const expected = {
      sellerId,
      from,
      to,
      disputes: 4,
      orders: 5,
      disputesPerOrder: 0.8,
      responded: 3,
      unanswered: 1,
      medianFirstResponseSeconds: responses[1],
      escalated: 1,
      escalatedShare: 0.25,
      outcomes: [{ kind: 'FULL_REFUND', count: 2 }],
      withdrawn: 1,
      targetDue: 2,
      resolvedWithinTarget: 2,
      resolvedWithinTargetShare: 1,
      refunded: [
        { minorUnits: '4999', currency: 'EUR' },
        { minorUnits: '5000', currency: 'JPY' },
      ],
    };
    expect(figures.data!.sellerPerformance).toEqual(expected);

    // The worker counted each committed event once: this suite's worker started at zero.
    const after = await metrics();
    expect(valueOf(after, 'dispute_resolutions_total')).toBe(2);
    expect(valueOf(after, 'dispute_resolutions_within_target_total')).toBe(2);
    expect(valueOf(after, 'dispute_time_to_resolution_seconds_count')).toBe(2);
    expect(valueOf(after, 'dispute_time_to_resolution_seconds_sum')).toBe(resolutions[0] + resolutions[1]);
    expect(valueOf(after, 'dispute_time_to_resolution_seconds_bucket', { le: '3600' })).toBe(2);
    expect(valueOf(after, 'dispute_refunds_total', { outcome: 'FULL_REFUND', currency: 'EUR' })).toBe(1);
    expect(valueOf(after, 'dispute_refunds_total', { outcome: 'FULL_REFUND', currency: 'JPY' })).toBe(1);
    expect(valueOf(after, 'dispute_refunded_minor_units_total', { outcome: 'FULL_REFUND', currency: 'EUR' })).toBe(4_999);
    expect(valueOf(after, 'dispute_refunded_minor_units_total', { outcome: 'FULL_REFUND', currency: 'JPY' })).toBe(5_000);
    expect(valueOf(after, 'dispute_mediation_sla_breaches_total', { stage: 'MEDIATION' })).toBe(1);
    expect(valueOf(after, 'dispute_mediation_sla_breaches_total', { stage: 'APPEAL' })).toBe(0);
    // Queue depth is read from the projection, shared with earlier suites: this one added its escalated case.
    expect(valueOf(after, 'dispute_mediation_queue_depth', { stage: 'MEDIATION' })).toBe(queuedBefore + 1);
    expect(after.some((sample) => sample.name === 'dispute_mediation_queue_depth' && sample.labels.stage === 'APPEAL')).toBe(true);

    // The facts are rebuildable from the events: drift two rows, rebuild, swap, same figures.
    const ids = [paidEur.id, paidJpy.id, escalated.id, gone.id];
    await dataSource.query(`DELETE FROM seller_dispute_facts WHERE dispute_id = $1`, [paidJpy.id]);
    await dataSource.query(`UPDATE seller_dispute_facts SET escalated = true WHERE dispute_id = $1`, [gone.id]);
    const drifted = await graphql<{ sellerPerformance: Record<string, unknown> }>(api.url, QUERY, { sellerId, from, to }, mediator);
    expect(drifted.data!.sellerPerformance).toMatchObject({ disputes: 3, escalated: 2 });
    const found = await rebuildProjections(dataSource, { table: 'seller_perf_rebuild', temporary: true, disputeIds: ids });
    expect(found.differences).toEqual([]);
    expect(found.factDifferences.map((difference) => [difference.disputeId, difference.kind]).sort()).toEqual(
      [
        [paidJpy.id, 'MISSING_LIVE'],
        [gone.id, 'DIFFERENT'],
      ].sort(),
    );
    const swapped = await rebuildProjections(dataSource, { table: 'seller_perf_rebuild', temporary: true, disputeIds: ids, swap: true });
    expect(swapped.factsSwapped).toBe(2);
    const rebuilt = await graphql<{ sellerPerformance: Record<string, unknown> }>(api.url, QUERY, { sellerId, from, to }, auditor);
    expect(rebuilt.data!.sellerPerformance).toEqual(expected);
  }, 120_000);

  describe('who may read a seller\u2019s figures', () => {
    const TABLE: [string, () => Promise<string | undefined>, string | null][] = [
      ['the seller, their own', () => tokenFor('SELLER', sellerId), null],
      ['a mediator', () => tokenFor('MEDIATOR', 'mediator-maria'), null],
      ['an auditor', () => tokenFor('AUDITOR', 'auditor-ada'), null],
      ['another seller', () => tokenFor('SELLER', 'seller-someone-else'), 'FORBIDDEN'],
      ['a buyer', () => tokenFor('BUYER', 'buyer-alice'), 'FORBIDDEN'],
      ['the system (order feed)', () => tokenFor('SYSTEM', 'order-feed'), 'FORBIDDEN'],
      ['nobody signed in', async () => undefined, 'UNAUTHENTICATED'],
    ];
    it.each(TABLE)('%s', async (_who, token, code) => {
      const answer = await graphql<{ sellerPerformance: { sellerId: string } }>(api.url, QUERY, { sellerId, ...window() }, await token());
      if (code === null) {
        expect(answer.errors).toBeUndefined();
        expect(answer.data!.sellerPerformance.sellerId).toBe(sellerId);
      } else {
        expect(answer.errors?.map((error) => error.extensions.code)).toEqual([code]);
        expect(answer.data).toBeNull();
      }
    });
  });

  describe('a bad window or seller id is refused with a typed error, and the server stays up', () => {
    const day = 24 * 3_600_000;
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const CASES: [string, Record<string, unknown>, string][] = [
      ['from equal to to', { from: at(0), to: at(0) }, 'to'],
      ['from after to', { from: at(day), to: at(0) }, 'to'],
      ['longer than 366 days', { from: at(0), to: at(367 * day) }, 'to'],
      ['from not a time', { from: 'last week', to: at(0) }, 'from'],
      ['to beyond year 9999', { from: at(0), to: '+275760-01-01T00:00:00.000Z' }, 'to'],
      ['an empty seller id', { sellerId: '', from: at(0), to: at(day) }, 'sellerId'],
      ['a seller id of 201 characters', { sellerId: 'x'.repeat(201), from: at(0), to: at(day) }, 'sellerId'],
    ];
    it.each(CASES)('%s', async (_what, variables, field) => {
      const answer = await graphql(api.url, QUERY, { sellerId, ...variables }, await tokenFor('MEDIATOR', 'mediator-maria'));
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors![0].extensions).toMatchObject({ code: 'VALIDATION', field });
      expect(answer.errors![0].message.length).toBeGreaterThan(20);
      const live = await fetch(`${api.url}/health/live`);
      expect(live.status).toBe(200);
    });
    it('a full year, leap day included, is accepted', async () => {
      const answer = await graphql(api.url, QUERY, { sellerId, from: '2028-01-01T00:00:00Z', to: '2029-01-01T00:00:00Z' }, await tokenFor('MEDIATOR', 'mediator-maria'));
      expect(answer.errors).toBeUndefined();
    });
  });
});
