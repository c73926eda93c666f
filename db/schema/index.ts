export * from './complaints';
export * from './complaint-counters';
export * from './timeline-events';
export * from './evidence';
export * from './staff';
export * from './notifications';
export * from './idempotency-keys';
export * from './calendars';
