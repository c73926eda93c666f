/**
 * How a message leaves the process: SMTP (nodemailer), signed HTTP webhooks, or — when SMTP or the
 * webhook secret is not configured — nowhere, with the row kept in the outbox and saying so.
 *
 * Transports report failures as `DeliveryError` with what is known about the message's fate, because
 * the delivery protocol must tell "certainly not delivered" (safe to retry) from "maybe delivered"
 * (never retried: a second e-mail is worse than an unconfirmed one).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

/**
 * - `not_delivered`: the server refused it or could not be reached; a retry may succeed.
 * - `permanent`: retrying cannot help (no address for the recipient, bad configuration).
 * - `unknown`: the connection broke after the whole message was handed over; it may have arrived.
 */
export type DeliveryFailure = 'not_delivered' | 'permanent' | 'unknown';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly failure: DeliveryFailure,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface SendResult {
  /** Stored in the row's `lastError` although it was delivered, e.g. "kept in the outbox". */
  note?: string;
}

export interface OutgoingEmail {
  notificationId: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  locale: string;
}

export interface EmailTransport {
  /** For the start-up line; never includes credentials. */
  readonly description: string;
  send(mail: OutgoingEmail): Promise<SendResult>;
}

export interface WebhookRequest {
  notificationId: string;
  url: string;
  payload: Record<string, unknown>;
}

export interface WebhookTransport {
  readonly description: string;
  send(request: WebhookRequest): Promise<SendResult>;
}

// ── E-mail ──────────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_EMAIL_FROM = '投诉服务 <complaints@localhost>';

function addressDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'localhost';
}

/**
 * The same notification always gets the same Message-ID: a receiving server or an operator can
 * recognise a duplicate, and an `unconfirmed` row can be looked up in the mail server's log.
 */
export function messageIdFor(notificationId: string, from: string = DEFAULT_EMAIL_FROM): string {
  const digest = createHash('sha256').update(notificationId).digest('hex').slice(0, 40);
  return `<notification.${digest}@${addressDomain(from)}>`;
}

export interface SmtpOptions {
  from?: string;
  /** Upper bound for one whole send; keep it below the activity's start-to-close timeout. */
  timeoutMs?: number;
}

/** `smtp://user:pass@host:port` → `smtp://host:port`, for logs. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'smtp (unparseable SMTP_URL)';
  }
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

function smtpErrorText(err: SmtpError): string {
  const response = err.response && !err.message.includes(err.response) ? ` (server said: ${err.response})` : '';
  return `SMTP ${err.code ?? 'error'}: ${err.message}${response}`;
}

/**
 * One connection per message, driven step by step (connect, login, envelope, data) instead of
 * through `sendMail`, so a failure can be placed: before the message body was handed over nothing
 * was delivered; after it, without the server's final reply, the outcome is unknown.
 */
export function createSmtpTransport(smtpUrl: string, options: SmtpOptions = {}): EmailTransport {
  const from = options.from ?? DEFAULT_EMAIL_FROM;
  const timeoutMs = options.timeoutMs ?? 45_000;
  const { auth, ...connection } = parseConnectionUrl(smtpUrl);
  const connectionOptions = {
    ...connection,
    connectionTimeout: Math.min(10_000, timeoutMs),
    greetingTimeout: Math.min(10_000, timeoutMs),
    socketTimeout: Math.min(30_000, timeoutMs),
  } as ConstructorParameters<typeof SMTPConnection>[0];

  return {
    description: `SMTP ${describeSmtpUrl(smtpUrl)}`,
    async send(mail) {
      const message = await new MailComposer({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html ?? undefined,
        messageId: messageIdFor(mail.notificationId, from),
        headers: { 'X-Notification-Id': mail.notificationId, 'Content-Language': mail.locale },
      })
        .compile()
        .build();

      return new Promise<SendResult>((resolve, reject) => {
        const smtp = new SMTPConnection(connectionOptions);
        let bodyHandedOver = false;
        let settled = false;
        const finish = (err: SmtpError | null) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if (!err) {
            smtp.quit();
            resolve({});
            return;
          }
          smtp.close();
          // A reply code means the server answered and did not take the message.
          const failure: DeliveryFailure = err.responseCode === undefined && bodyHandedOver ? 'unknown' : 'not_delivered';
          reject(new DeliveryError(smtpErrorText(err), failure));
        };
        const timer = setTimeout(() => finish(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
        // Errors after the result (e.g. during QUIT) are of no interest but must not go unhandled.
        smtp.on('error', (err: SmtpError) => finish(err));
        const sendMessage = () => {
          // Read only once the server said 354 to DATA; its end marks the body as handed over.
          const body = Readable.from([message]);
          body.once('end', () => {
            bodyHandedOver = true;
          });
          smtp.send({ from: addressOnly(from), to: [mail.to] }, body, (err) => finish(err ?? null));
        };
        smtp.connect((err) => {
          if (err) return finish(err);
          if (auth && smtp.allowsAuth) {
            smtp.login(auth, (loginErr) => (loginErr ? finish(loginErr) : sendMessage()));
          } else {
            sendMessage();
          }
        });
      });
    },
  };
}

function addressOnly(from: string): string {
  const match = /<([^>]+)>\s*$/.exec(from);
  return (match?.[1] ?? from).trim();
}

/** Without SMTP_URL: nothing is sent; the row itself (and the recipient's in-app copy) is the record. */
export function createOutboxEmailTransport(): EmailTransport {
  return {
    description: 'SMTP_URL not set, e-mails are kept in the in-app outbox',
    async send() {
      return { note: 'SMTP not configured: kept in outbox, not sent' };
    },
  };
}

// ── Webhooks ────────────────────────────────────────────────────────────────────────────────────

export const SIGNATURE_HEADER = 'X-Complaints-Signature';
export const TIMESTAMP_HEADER = 'X-Complaints-Timestamp';
export const NOTIFICATION_ID_HEADER = 'X-Notification-Id';

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`; the timestamp stops replays of old requests. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver runs: constant-time comparison and a bound on the timestamp's age. */
export function verifyWebhookSignature(
  secret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - Number(timestamp)) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookOptions {
  secret: string;
  timeoutMs?: number;
}

/**
 * POSTs JSON with a fresh connection per request (a reused keep-alive socket would hide whether the
 * request got anywhere). Redirects are not followed: a signed notification goes where it was told.
 */
export function createHttpWebhookTransport(options: WebhookOptions): WebhookTransport {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return {
    description: 'signed HTTP POST',
    send({ notificationId, url, payload }) {
      return new Promise<SendResult>((resolve, reject) => {
        let target: URL;
        try {
          target = new URL(url);
        } catch {
          reject(new DeliveryError('webhook URL is not valid', 'permanent'));
          return;
        }
        if (target.protocol !== 'http:' && target.protocol !== 'https:') {
          reject(new DeliveryError(`webhook URL scheme ${target.protocol} is not supported`, 'permanent'));
          return;
        }
        const body = JSON.stringify(payload);
        const timestamp = String(Math.floor(Date.now() / 1000));
        let requestSent = false;
        let settled = false;
        const fail = (message: string, failure: DeliveryFailure) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          req.destroy();
          reject(new DeliveryError(message, failure));
        };
        const req = (target.protocol === 'https:' ? https : http).request(target, {
          method: 'POST',
          agent: false,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(body),
            'User-Agent': 'complaint-service-notifications',
            [SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body),
            [TIMESTAMP_HEADER]: timestamp,
            [NOTIFICATION_ID_HEADER]: notificationId,
          },
        });
        const timer = setTimeout(
          // The receiver may have acted on a complete request it never answered.
          () => fail(`webhook gave no answer within ${timeoutMs} ms`, requestSent ? 'unknown' : 'not_delivered'),
          timeoutMs,
        );
        req.on('finish', () => {
          requestSent = true;
        });
        req.on('error', (err: NodeJS.ErrnoException) => fail(`webhook request failed: ${err.code ?? err.message}`, requestSent ? 'unknown' : 'not_delivered'));
        req.on('response', (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          if (settled) return;
          if (status >= 200 && status < 300) {
            settled = true;
            clearTimeout(timer);
            resolve({});
          } else {
            fail(`webhook answered HTTP ${status}`, 'not_delivered');
          }
        });
        req.end(body);
      });
    },
  };
}

/** Without WEBHOOK_SECRET nothing is sent unsigned; the row is kept in the outbox and says so. */
export function createOutboxWebhookTransport(): WebhookTransport {
  return {
    description: 'WEBHOOK_SECRET not set, webhooks are kept in the in-app outbox',
    async send() {
      return { note: 'WEBHOOK_SECRET not configured: kept in outbox, not sent' };
    },
  };
}
