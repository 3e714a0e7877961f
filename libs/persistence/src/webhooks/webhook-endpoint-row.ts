/** A webhook endpoint as stored: the secrets stay in the persistence layer and the dispatcher. */
export interface WebhookEndpoint {
  endpointId: string;
  /** The account that registered it (for a platform endpoint, the SYSTEM account). */
  ownerId: string;
  /** Registered by SYSTEM: receives every dispute's events, not only its owner's. */
  platform: boolean;
  url: string;
  /** null: every event type. */
  eventTypes: string[] | null;
  paused: boolean;
  /** Until when the secret before the last rotation still signs deliveries; null when none does. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The secrets that sign a delivery now: the current one, then the previous one while its grace lasts. */
export interface SigningSecrets {
  secret: string;
  previousSecret: string | null;
}

export interface WebhookEndpointRow {
  endpoint_id: string;
  owner_id: string;
  platform: boolean;
  url: string;
  event_types: string[] | null;
  paused: boolean;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The columns every read of an endpoint selects (never the secrets). */
export const ENDPOINT_COLUMNS = 'endpoint_id, owner_id, platform, url, event_types, paused, previous_secret_expires_at, created_at, updated_at';

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    endpointId: row.endpoint_id,
    ownerId: row.owner_id,
    platform: row.platform,
    url: row.url,
    eventTypes: row.event_types,
    paused: row.paused,
    previousSecretExpiresAt: row.previous_secret_expires_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Whose endpoints a caller manages: an account's own, or (SYSTEM) the platform-wide ones it registered. */
export interface EndpointOwner {
  ownerId: string;
  platform: boolean;
}
