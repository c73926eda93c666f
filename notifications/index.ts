/**
 * The notification subsystem (SPEC §6): configuration from the environment and the
 * `NotificationService` the activities use. Without `SMTP_URL` (local use) nothing is e-mailed:
 * e-mail rows are kept in the outbox, and the start-up line says so.
 */
import type { Database, DbExecutor } from '../db/client';
import type { TrackingLinks } from '../runtime/tracking';
import type { NotificationRequest } from '../domain/notification-kinds';
import { deliverNotification } from './delivery';
import { enqueueNotifications, planNotifications } from './outbox';
import type { NotificationEvent, NotificationService } from './service';
import { assertTimeZone, DEFAULT_TIME_ZONE } from './templates';
import {
  createHttpWebhookTransport,
  createOutboxEmailTransport,
  createOutboxWebhookTransport,
  createSmtpTransport,
  DEFAULT_EMAIL_FROM,
  describeSmtpUrl,
  type EmailTransport,
  type WebhookTransport,
} from './transports';

export interface NotificationSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`; unset: e-mails are kept in the outbox. */
  smtpUrl?: string;
  /** Default `投诉服务 <complaints@localhost>`. */
  emailFrom?: string;
  /** HMAC key for webhook signatures; unset: webhooks are kept in the outbox, never sent unsigned. */
  webhookSecret?: string;
  /** SMS gateway that receives customer notifications (with the phone number) as signed webhooks. */
  customerSmsWebhookUrl?: string;
  /** IANA zone for the times in messages; default Asia/Shanghai. */
  timeZone?: string;
  /** Replaces the computed "UTC+8" label, e.g. "北京时间". */
  timeZoneLabel?: string;
  smtpTimeoutMs?: number;
  webhookTimeoutMs?: number;
}

export interface NotificationConfig extends NotificationSettings {
  /** One line for the start-up log; contains no credentials and no contact data. */
  describe(): string;
}

export interface NotificationServiceOptions extends NotificationSettings {
  db: Database;
  /** Tracking links, for the link in the complainant's acknowledgement. */
  trackingLinks?: TrackingLinks;
  /** Replace the configured transports (tests, other gateways). */
  emailTransport?: EmailTransport;
  webhookTransport?: WebhookTransport;
  describe?: () => string;
}

export interface ConfiguredNotificationService extends NotificationService {
  describe(): string;
}

const MIN_SECRET_LENGTH = 16;

function positiveInt(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (milliseconds), got "${raw}"`);
  return n;
}

function checkUrl(name: string, value: string, protocols: string[]): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a valid URL`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
}

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(invalid URL)';
  }
}

export function describeNotificationSettings(settings: NotificationSettings): string {
  const email = settings.smtpUrl
    ? `e-mail: SMTP ${describeSmtpUrl(settings.smtpUrl)} from ${settings.emailFrom ?? DEFAULT_EMAIL_FROM}`
    : 'e-mail: SMTP_URL not set, e-mails are kept in the in-app outbox';
  const webhooks = settings.webhookSecret ? 'webhooks: signed with WEBHOOK_SECRET' : 'webhooks: WEBHOOK_SECRET not set, webhooks are kept in the in-app outbox';
  const sms = settings.customerSmsWebhookUrl ? `customer SMS gateway: ${hostOf(settings.customerSmsWebhookUrl)}` : 'customer SMS gateway: not configured';
  return `notifications — ${email}; ${webhooks}; ${sms}; times in ${settings.timeZone ?? DEFAULT_TIME_ZONE}`;
}

/**
 * Reads SMTP_URL, EMAIL_FROM, WEBHOOK_SECRET, CUSTOMER_SMS_WEBHOOK_URL, ORG_TIME_ZONE,
 * ORG_TIME_ZONE_LABEL, NOTIFY_SMTP_TIMEOUT_MS and NOTIFY_WEBHOOK_TIMEOUT_MS. Throws on a value that
 * would only fail later, at the first notification.
 */
export function loadNotificationConfig(env: NodeJS.ProcessEnv = process.env): NotificationConfig {
  const settings: NotificationSettings = {
    smtpUrl: env.SMTP_URL || undefined,
    emailFrom: env.EMAIL_FROM || undefined,
    webhookSecret: env.WEBHOOK_SECRET || undefined,
    customerSmsWebhookUrl: env.CUSTOMER_SMS_WEBHOOK_URL || undefined,
    timeZone: env.ORG_TIME_ZONE || undefined,
    timeZoneLabel: env.ORG_TIME_ZONE_LABEL || undefined,
    smtpTimeoutMs: positiveInt(env, 'NOTIFY_SMTP_TIMEOUT_MS'),
    webhookTimeoutMs: positiveInt(env, 'NOTIFY_WEBHOOK_TIMEOUT_MS'),
  };
  if (settings.smtpUrl) checkUrl('SMTP_URL', settings.smtpUrl, ['smtp:', 'smtps:']);
  if (settings.customerSmsWebhookUrl) checkUrl('CUSTOMER_SMS_WEBHOOK_URL', settings.customerSmsWebhookUrl, ['http:', 'https:']);
  if (settings.webhookSecret && settings.webhookSecret.length < MIN_SECRET_LENGTH) {
    throw new Error(`WEBHOOK_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (settings.timeZone) {
    try {
      assertTimeZone(settings.timeZone);
    } catch {
      throw new Error(`ORG_TIME_ZONE "${settings.timeZone}" is not a known time zone (use an IANA name such as Asia/Shanghai)`);
    }
  }
  return { ...settings, describe: () => describeNotificationSettings(settings) };
}

/** Accepts the spread of `loadNotificationConfig()` plus `db`; every setting is optional. */
export function createNotificationService(options: NotificationServiceOptions): ConfiguredNotificationService {
  const { db } = options;
  const email =
    options.emailTransport ?? (options.smtpUrl ? createSmtpTransport(options.smtpUrl, { from: options.emailFrom, timeoutMs: options.smtpTimeoutMs }) : createOutboxEmailTransport());
  const webhook =
    options.webhookTransport ?? (options.webhookSecret ? createHttpWebhookTransport({ secret: options.webhookSecret, timeoutMs: options.webhookTimeoutMs }) : createOutboxWebhookTransport());
  const { trackingLinks } = options;
  const enqueueOptions = {
    trackingUrlFor: trackingLinks ? (c: { number: string; trackingGeneration: number }) => trackingLinks.url(c.number, c.trackingGeneration) : undefined,
    customerSmsWebhookUrl: options.customerSmsWebhookUrl,
    render: { timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, timeZoneLabel: options.timeZoneLabel },
  };
  const deliveryDeps = { db, email, webhook, customerSmsWebhookUrl: options.customerSmsWebhookUrl };

  return {
    enqueue: (tx: DbExecutor, event: NotificationEvent, requests: NotificationRequest[]) => enqueueNotifications(tx, event, requests, enqueueOptions),
    plan: (event, complaint, requests, directory) => planNotifications(event, complaint, requests, directory, enqueueOptions),
    deliver: (notificationId: string, attempt: number, maxAttempts: number) => deliverNotification(deliveryDeps, notificationId, attempt, maxAttempts),
    describe: () =>
      describeNotificationSettings(options) +
      (options.emailTransport ? ` (e-mail transport: ${email.description})` : '') +
      (options.webhookTransport ? ` (webhook transport: ${webhook.description})` : ''),
  };
}

export type { NotificationEvent, NotificationService } from './service';
export { NOTIFICATION_STATUSES, TERMINAL_STATUSES, notificationId, stillPending, type NotificationStatus } from './outbox';
export { directoryNeedsOf, directoryEntriesSql, type DirectoryEntry, type DirectoryNeeds } from './recipients';
export { NOTIFICATION_CHANNELS, customerRecipientId, type NotificationChannel, type RecipientType } from './recipients';
export { listInbox, markRead, markAllRead, countUnread, listForComplaint, InvalidCursorError, type InboxItem, type InboxPage, type InboxQuery, type DeliveryStatusItem, type Recipient } from './inbox';
export { renderNotification, stageLabel, formatOrgTime, formatAmount, normalizeLocale, TEMPLATE_LOCALES, type TemplateLocale } from './templates';
export {
  DeliveryError,
  messageIdFor,
  signWebhook,
  verifyWebhookSignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  NOTIFICATION_ID_HEADER,
  type EmailTransport,
  type WebhookTransport,
  type OutgoingEmail,
  type WebhookRequest,
  type SendResult,
} from './transports';
