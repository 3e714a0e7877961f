import { join } from 'node:path';
import type { S3StoreOptions } from '../../../libs/persistence/src/evidence-store';

/** Knobs of the API beyond the shared configuration (limits and evidence storage). */
export interface ApiSettings {
  /** Deepest selection nesting a query may have (introspection is exempt). */
  maxQueryDepth: number;
  /** Largest estimated cost: every field counts once, times the `first` of each connection above it. */
  maxQueryComplexity: number;
  /** Operations per account (or per address when anonymous) per minute, per API instance. */
  rateLimitPerMinute: number;
  /** Where uploaded evidence is stored (content-addressed by SHA-256) when no bucket is configured. */
  evidenceDir: string;
  /** An S3-compatible bucket for evidence instead of `evidenceDir` (EVIDENCE_STORAGE=s3). */
  evidenceS3?: S3StoreOptions;
  evidenceMaxBytes: number;
  /** How long a rotated webhook secret keeps signing beside the new one when the caller names no grace. */
  webhookRotationGraceHours: number;
}

export const DEFAULT_API_SETTINGS: ApiSettings = {
  maxQueryDepth: 10,
  maxQueryComplexity: 2_000,
  rateLimitPerMinute: 600,
  evidenceDir: join(process.cwd(), '.data', 'evidence'),
  evidenceMaxBytes: 10 * 1024 * 1024,
  webhookRotationGraceHours: 24,
};

const S3_VARIABLES = ['EVIDENCE_S3_BUCKET', 'EVIDENCE_S3_ENDPOINT', 'EVIDENCE_S3_REGION', 'EVIDENCE_S3_FORCE_PATH_STYLE', 'EVIDENCE_S3_PREFIX'];

/**
 * Reads API_MAX_QUERY_DEPTH, API_MAX_QUERY_COMPLEXITY, API_RATE_LIMIT_PER_MINUTE, EVIDENCE_MAX_BYTES, WEBHOOK_ROTATION_GRACE_HOURS,
 * and the evidence storage: EVIDENCE_STORAGE (`local`, the default, with EVIDENCE_DIR; or `s3`
 * with EVIDENCE_S3_BUCKET, EVIDENCE_S3_REGION or AWS_REGION, EVIDENCE_S3_ENDPOINT,
 * EVIDENCE_S3_FORCE_PATH_STYLE, EVIDENCE_S3_PREFIX and the standard AWS credential variables).
 */
export function loadApiSettings(env: Record<string, string | undefined> = process.env): ApiSettings {
  const problems: string[] = [];
  const value = (name: string): string | undefined => env[name]?.trim() || undefined;
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = value(name);
    if (!raw) return fallback;
    const parsed = Number(raw);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}".`);
      return fallback;
    }
    return parsed;
  };
  const settings: ApiSettings = {
    maxQueryDepth: integer('API_MAX_QUERY_DEPTH', DEFAULT_API_SETTINGS.maxQueryDepth, 2, 100),
    maxQueryComplexity: integer('API_MAX_QUERY_COMPLEXITY', DEFAULT_API_SETTINGS.maxQueryComplexity, 10, 1_000_000),
    rateLimitPerMinute: integer('API_RATE_LIMIT_PER_MINUTE', DEFAULT_API_SETTINGS.rateLimitPerMinute, 1, 1_000_000),
    evidenceDir: value('EVIDENCE_DIR') ?? DEFAULT_API_SETTINGS.evidenceDir,
    evidenceMaxBytes: integer('EVIDENCE_MAX_BYTES', DEFAULT_API_SETTINGS.evidenceMaxBytes, 1, 1024 * 1024 * 1024),
    webhookRotationGraceHours: integer('WEBHOOK_ROTATION_GRACE_HOURS', DEFAULT_API_SETTINGS.webhookRotationGraceHours, 0, 168),
  };

  const storage = value('EVIDENCE_STORAGE')?.toLowerCase() ?? 'local';
  if (storage === 's3') {
    settings.evidenceS3 = s3Options(value, problems);
    if (value('EVIDENCE_DIR')) problems.push('EVIDENCE_DIR is set but EVIDENCE_STORAGE is "s3": evidence goes to EVIDENCE_S3_BUCKET; unset EVIDENCE_DIR.');
  } else if (storage === 'local') {
    const stray = S3_VARIABLES.filter((name) => value(name));
    if (stray.length > 0) problems.push(`${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but EVIDENCE_STORAGE is not "s3": set EVIDENCE_STORAGE=s3 to store evidence in a bucket, or unset ${stray.length > 1 ? 'them' : 'it'}.`);
  } else {
    problems.push(`EVIDENCE_STORAGE must be "local" or "s3", got "${env.EVIDENCE_STORAGE}".`);
  }

  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return settings;
}

function s3Options(value: (name: string) => string | undefined, problems: string[]): S3StoreOptions {
  const bucket = value('EVIDENCE_S3_BUCKET') ?? '';
  if (!bucket) problems.push('EVIDENCE_S3_BUCKET is required when EVIDENCE_STORAGE is "s3".');
  else if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) problems.push(`EVIDENCE_S3_BUCKET must be a bucket name (3-63 lowercase letters, digits, dots and hyphens), got "${bucket}".`);

  const region = value('EVIDENCE_S3_REGION') ?? value('AWS_REGION') ?? '';
  if (!region) problems.push('EVIDENCE_S3_REGION (or AWS_REGION) is required when EVIDENCE_STORAGE is "s3" (S3-compatible services accept e.g. "us-east-1").');

  const endpoint = value('EVIDENCE_S3_ENDPOINT');
  if (endpoint) {
    let protocol = '';
    try {
      protocol = new URL(endpoint).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'http:' && protocol !== 'https:') problems.push(`EVIDENCE_S3_ENDPOINT must be an http(s) URL such as "https://minio.internal:9000", got "${endpoint}".`);
  }

  const pathStyle = value('EVIDENCE_S3_FORCE_PATH_STYLE')?.toLowerCase();
  if (pathStyle !== undefined && !['true', 'false', '1', '0'].includes(pathStyle)) problems.push(`EVIDENCE_S3_FORCE_PATH_STYLE must be "true" or "false", got "${pathStyle}".`);

  const prefix = value('EVIDENCE_S3_PREFIX') ?? '';
  if (prefix.startsWith('/')) problems.push(`EVIDENCE_S3_PREFIX must not start with "/", got "${prefix}".`);

  const accessKeyId = value('AWS_ACCESS_KEY_ID');
  const secretAccessKey = value('AWS_SECRET_ACCESS_KEY');
  if (accessKeyId && !secretAccessKey) problems.push('AWS_SECRET_ACCESS_KEY is required when AWS_ACCESS_KEY_ID is set.');
  if (secretAccessKey && !accessKeyId) problems.push('AWS_ACCESS_KEY_ID is required when AWS_SECRET_ACCESS_KEY is set.');
  const sessionToken = value('AWS_SESSION_TOKEN');

  return {
    bucket,
    region,
    endpoint,
    forcePathStyle: pathStyle === 'true' || pathStyle === '1',
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    // Without static keys the AWS SDK's default chain applies (profile, web identity, instance role, ...).
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined,
  };
}
