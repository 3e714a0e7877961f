/** The longest id (dispute, evidence, message, ...) a command may carry. */
export const MAX_ID_LENGTH = 200;

/** A plain object (not null, not an array): what untrusted input must be before its fields are read. */
export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
