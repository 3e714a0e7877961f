export const ORDER_STORE = Symbol('ORDER_STORE');
export const DISPUTE_COMMANDS = Symbol('DISPUTE_COMMANDS');
export const DISPUTE_READER = Symbol('DISPUTE_READER');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
