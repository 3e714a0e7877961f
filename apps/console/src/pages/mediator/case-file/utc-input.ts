// Deadline inputs are datetime-local fields read as UTC: the console shows every time in UTC,
// the zone the parties and the mediator share, whatever the browser's own zone.
export const toInput = (ms: number): string => new Date(ms).toISOString().slice(0, 16);
export const fromInput = (value: string): number => Date.parse(`${value}:00.000Z`);
