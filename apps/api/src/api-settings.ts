import { join } from 'node:path';

/** Knobs of the API beyond the shared configuration (limits and evidence storage). */
export interface ApiSettings {
  /** Deepest selection nesting a query may have (introspection is exempt). */
  maxQueryDepth: number;
  /** Largest estimated cost: every field counts once, times the `first` of each connection above it. */
  maxQueryComplexity: number;
  /** Operations per account (or per address when anonymous) per minute, per API instance. */
  rateLimitPerMinute: number;
  /** Where uploaded evidence is stored (content-addressed by SHA-256). */
  evidenceDir: string;
  evidenceMaxBytes: number;
}

export const DEFAULT_API_SETTINGS: ApiSettings = {
  maxQueryDepth: 10,
  maxQueryComplexity: 2_000,
  rateLimitPerMinute: 600,
  evidenceDir: join(process.cwd(), '.data', 'evidence'),
  evidenceMaxBytes: 10 * 1024 * 1024,
};

/** Reads API_MAX_QUERY_DEPTH, API_MAX_QUERY_COMPLEXITY, API_RATE_LIMIT_PER_MINUTE, EVIDENCE_DIR and EVIDENCE_MAX_BYTES. */
export function loadApiSettings(env: Record<string, string | undefined> = process.env): ApiSettings {
  const problems: string[] = [];
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer between ${min} and ${max}, got "${raw}".`);
      return fallback;
    }
    return value;
  };
  const settings: ApiSettings = {
    maxQueryDepth: integer('API_MAX_QUERY_DEPTH', DEFAULT_API_SETTINGS.maxQueryDepth, 2, 100),
    maxQueryComplexity: integer('API_MAX_QUERY_COMPLEXITY', DEFAULT_API_SETTINGS.maxQueryComplexity, 10, 1_000_000),
    rateLimitPerMinute: integer('API_RATE_LIMIT_PER_MINUTE', DEFAULT_API_SETTINGS.rateLimitPerMinute, 1, 1_000_000),
    evidenceDir: env.EVIDENCE_DIR?.trim() || DEFAULT_API_SETTINGS.evidenceDir,
    evidenceMaxBytes: integer('EVIDENCE_MAX_BYTES', DEFAULT_API_SETTINGS.evidenceMaxBytes, 1, 1024 * 1024 * 1024),
  };
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return settings;
}
