import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { dbErrorCode, describeDbError } from '../db/errors';

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

/**
 * Errors as logged: database errors by class and code only (drizzle and pg put the statement and its
 * bound parameters — a complainant's name, phone, e-mail — into `message`, `query` and `params`);
 * other errors with type, message and stack, and their cause the same way.
 */
export function safeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { value: typeof err === 'string' ? '[string]' : typeof err };
  const code = dbErrorCode(err);
  const fromDatabase = code !== undefined || err.constructor?.name === 'DrizzleQueryError' || 'query' in err || 'params' in err;
  if (fromDatabase) return { type: err.constructor?.name ?? 'Error', message: describeDbError(err) };
  return {
    type: err.constructor?.name ?? 'Error',
    message: err.message,
    stack: err.stack,
    ...(err.cause !== undefined && depth < 3 ? { cause: safeError(err.cause, depth + 1) } : {}),
  };
}

/**
 * JSON lines, the format log collectors read — except in a terminal, where people read them: one
 * short coloured line each (`LOG_FORMAT=json` keeps JSON there too, `LOG_FORMAT=pretty` forces lines).
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info', env = process.env): Logger {
  const options = { name, level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, serializers: { err: safeError, error: safeError } };
  const pretty = env.LOG_FORMAT === 'pretty' || (env.LOG_FORMAT !== 'json' && process.stdout.isTTY === true);
  if (!pretty) return pino(options);
  return pino(options, pinoPretty({ colorize: process.stdout.isTTY === true, sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,req,res,responseTime', singleLine: true }));
}
