export * from './config';
export * from './health.controller';
export * from './logger';
export * from './metrics';
export * from './tokens';
export * from './bootstrap';
