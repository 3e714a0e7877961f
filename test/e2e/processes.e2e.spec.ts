import type { DataSource } from 'typeorm';
import { disputeIdFor } from '../../apps/api/src/disputes/dispute-id';
import { disputeWorkflowId } from '../../libs/contracts/src';
import { NotificationEndpointStore, OrderStore } from '../../libs/persistence/src';
import { graphql, tokenFor } from '../support/api';
import { eventually } from '../support/commands';
import { compiled } from '../support/compiled';
import { openTestDataSource } from '../support/database';
import { TEMPORAL_ADDRESS, TEST_DATABASE_URL, uniqueTaskQueue } from '../support/environment';
import { anOrder } from '../support/fixtures';
import { freePort, logLines, startProcess, waitUntilReady, type ServiceProcess } from '../support/processes';
import { connectClient } from '../support/temporal';
import { hasValidSignature, startWebhookReceiver } from '../support/webhook-receiver';

const OPEN = `mutation Open($input: OpenDisputeInput!) { openDispute(input: $input) { id status version } }`;

describe('the API and worker as real processes', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(() => dataSource.destroy());

  it('refuses to start on bad configuration, naming each bad variable', async () => {
    const api = startProcess(compiled('apps/api/src/main.js'), { API_PORT: 'eighty', TEMPORAL_ADDRESS: 'nowhere' });
    expect(await api.exited).toBe(78);
    expect(api.output()).toContain('API_PORT must be an integer between 0 and 65535, got "eighty".');
    expect(api.output()).toContain('TEMPORAL_ADDRESS must look like host:port, got "nowhere".');
  });

  describe('serving and shutting down', () => {
    let api: ServiceProcess;
    let worker: ServiceProcess;
    let apiUrl: string;
    let workerUrl: string;
    let sdkMetricsUrl: string;

    beforeAll(async () => {
      const [apiPort, workerPort, sdkPort] = [await freePort(), await freePort(), await freePort()];
      const env = { DATABASE_URL: TEST_DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE: uniqueTaskQueue('processes'), LOG_LEVEL: 'info', NODE_ENV: 'test' };
      worker = startProcess(compiled('apps/worker/src/main.js'), { ...env, WORKER_PORT: String(workerPort), WORKER_SDK_METRICS_PORT: String(sdkPort) });
      api = startProcess(compiled('apps/api/src/main.js'), { ...env, API_PORT: String(apiPort) });
      apiUrl = `http://127.0.0.1:${apiPort}`;
      workerUrl = `http://127.0.0.1:${workerPort}`;
      sdkMetricsUrl = `http://127.0.0.1:${sdkPort}/metrics`;
      await Promise.all([waitUntilReady(`${apiUrl}/health/ready`), waitUntilReady(`${workerUrl}/health/ready`)]);
    }, 90_000);

    afterAll(async () => {
      for (const service of [api, worker]) if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    });

    it('opens a dispute through both processes, logging JSON lines that carry request, dispute and workflow ids', async () => {
      const order = await new OrderStore(dataSource).register(anOrder());
      const response = await graphql<{ openDispute: { id: string; status: string } }>(
        apiUrl,
        OPEN,
        { input: { orderId: order.orderId, reason: 'NOT_RECEIVED', description: 'Nothing arrived.', requestedResolution: { kind: 'FULL_REFUND' } } },
        await tokenFor('BUYER', order.buyerId),
      );
      expect(response.errors).toBeUndefined();
      const disputeId = response.data!.openDispute.id;

      // The log line may reach this process's end of the pipe after the HTTP answer.
      const line = await eventually(
        async () => logLines(api.output()).find((entry) => entry.msg === 'operation' && entry.disputeId === disputeId),
        (entry) => entry !== undefined,
        5_000,
      );
      expect(line).toMatchObject({ service: 'api', level: 'info', outcome: 'ok', workflowId: `dispute-${disputeId}` });
      expect(line?.requestId).toEqual(expect.any(String));
    });

    it('exposes the Temporal SDK worker metrics', async () => {
      const metrics = await (await fetch(sdkMetricsUrl)).text();
      expect(metrics).toMatch(/temporal_\w+/);
      expect(await (await fetch(`${workerUrl}/metrics`)).text()).toContain('process_resident_memory_bytes');
    });

    it('delivers notifications from the outbox in the worker process and counts them in its /metrics', async () => {
      const receiver = await startWebhookReceiver();
      try {
        const order = await new OrderStore(dataSource).register(anOrder());
        const secret = 'seller-webhook-secret-0123456789';
        const { endpointId } = await new NotificationEndpointStore(dataSource).register({ accountId: order.sellerId, url: receiver.url('/seller'), secret });
        const response = await graphql<{ openDispute: { id: string } }>(
          apiUrl,
          OPEN,
          { input: { orderId: order.orderId, reason: 'NOT_RECEIVED', description: 'Nothing arrived.', requestedResolution: { kind: 'FULL_REFUND' } } },
          await tokenFor('BUYER', order.buyerId),
        );
        const deliveryId = `${response.data!.openDispute.id}:2:${endpointId}`;

        const [delivery] = await eventually(async () => receiver.attemptsOf(deliveryId), (list) => list.length > 0, 20_000);

        expect(hasValidSignature(delivery, secret)).toBe(true);
        expect(JSON.parse(delivery.body)).toMatchObject({ id: deliveryId, eventTypes: ['DisputeOpened', 'OfferMade'], status: 'OPEN' });
        const delivered = await eventually(
          async () => /^dispute_notification_deliveries_total\{[^}]*outcome="delivered"[^}]*\} (\d+)$/m.exec(await (await fetch(`${workerUrl}/metrics`)).text()),
          (match) => match !== null && Number(match[1]) >= 1,
          5_000,
        );
        expect(Number(delivered![1])).toBeGreaterThanOrEqual(1);
      } finally {
        await receiver.close();
      }
    });

    it('on SIGTERM finishes the request in flight, then the API and the worker exit cleanly', async () => {
      const order = await new OrderStore(dataSource).register(anOrder());
      const token = await tokenFor('BUYER', order.buyerId);
      const disputeId = disputeIdFor(order.orderId, 1);
      const temporal = await connectClient();
      // The worker is paused (SIGSTOP), so the opening's Update waits for it in Temporal: the test,
      // not timing, holds the request open until the API has taken the signal.
      worker.child.kill('SIGSTOP');
      let answeredAt: number | undefined;
      let signalledAt: number | undefined;
      const inFlight = graphql<{ openDispute: { id: string; status: string; version: number } }>(
        apiUrl,
        OPEN,
        { input: { orderId: order.orderId, reason: 'NOT_RECEIVED', description: 'Nothing arrived.', requestedResolution: { kind: 'FULL_REFUND' } } },
        token,
      ).finally(() => (answeredAt = Date.now()));
      inFlight.catch(() => undefined); // awaited below; a failure must not surface as unhandled meanwhile
      try {
        // In flight: the API has started the dispute's workflow for this request and waits for its answer.
        await eventually(() => temporal.workflow.getHandle(disputeWorkflowId(disputeId)).describe().then(() => true, () => false), (started) => started, 20_000);
        expect(answeredAt).toBeUndefined();

        signalledAt = Date.now();
        api.child.kill('SIGTERM');
        // The API took the signal (it says so before draining) while the request was still unanswered.
        await eventually(async () => logLines(api.output()).some((entry) => entry.msg === 'shutting down'), (seen) => seen, 10_000);
        expect(answeredAt).toBeUndefined();
      } finally {
        worker.child.kill('SIGCONT');
        await temporal.connection.close();
      }

      const response = await inFlight;
      expect(response.data?.openDispute).toEqual({ id: disputeId, status: 'OPEN', version: 2 });
      expect(answeredAt).toBeGreaterThan(signalledAt!);
      expect(await api.exited).toBe(0);
      // The API's own log, in order: the signal, this request's operation, the end.
      const messages = logLines(api.output()).map((entry) => (entry.msg === 'operation' ? `operation ${String(entry.disputeId)}` : entry.msg));
      const positions = ['shutting down', `operation ${disputeId}`, 'stopped'].map((msg) => messages.indexOf(msg));
      expect(positions.filter((position) => position < 0)).toEqual([]);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(logLines(worker.output()).map((entry) => entry.msg)).toEqual(expect.arrayContaining(['shutting down', 'draining Temporal worker', 'stopping notification dispatcher', 'stopped']));
    }, 60_000);
  });
});
