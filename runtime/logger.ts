import pino, { type Logger } from 'pino';

/**
 * Structured logs. Complainant contact data must never reach them: these paths are redacted as a
 * second line of defence should a whole complaint row ever be logged by mistake.
 */
export const REDACTED_PATHS = [
  'complainant.phone',
  'complainant.email',
  'complainant.name',
  '*.complainant.phone',
  '*.complainant.email',
  '*.complainant.name',
  'complainantPhone',
  'complainantEmail',
  'complainantName',
  '*.complainantPhone',
  '*.complainantEmail',
  '*.complainantName',
  'req.headers.authorization',
  'req.body.complainant',
];

export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
