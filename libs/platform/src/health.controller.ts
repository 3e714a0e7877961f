import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Registry } from 'prom-client';

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** A dependency the process needs to serve: PostgreSQL, Temporal. Rejects when unavailable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 2_000;

@Controller()
export class HealthController {
  private draining = false;

  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
  ) {}

  /** Once shutdown begins, readiness fails so load balancers stop sending work. */
  markDraining(): void {
    this.draining = true;
  }

  @Get('health/live')
  @HttpCode(200)
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() response: Response) {
    const results = await Promise.all(this.checks.map((check) => runCheck(check)));
    const ready = !this.draining && results.every((result) => result.ok);
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : this.draining ? 'draining' : 'unavailable',
      checks: Object.fromEntries(results.map((result) => [result.name, result.ok ? 'ok' : result.error])),
    });
  }

  @Get('metrics')
  async metrics(@Res() response: Response) {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
}

async function runCheck(check: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { name: check.name, ok: true };
  } catch (error) {
    return { name: check.name, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
