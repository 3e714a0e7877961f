export * from './activities';
export * from './dispute-workflow';
export * from './failures';
export * from './search-attributes';
