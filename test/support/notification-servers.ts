/**
 * Real receivers for the notification tests: an SMTP server (smtp-server) and an HTTP server on
 * loopback, each recording what arrived and able to misbehave on demand. Plus a small MIME reader,
 * enough to check what nodemailer wrote (encoded-word subjects, quoted-printable/base64 parts).
 */
import http from 'node:http';
import type net from 'node:net';
import { SMTPServer } from 'smtp-server';

export { freePort } from './net';

// ── SMTP ────────────────────────────────────────────────────────────────────────────────────────

/**
 * - `accept`: takes every message.
 * - `refuse-rcpt` / `refuse-data`: answers 550 to RCPT TO / after the message body.
 * - `drop-after-data`: reads the whole body, then cuts the connection without answering, so the
 *   client cannot know whether the message was taken.
 */
export type SmtpBehaviour = 'accept' | 'refuse-rcpt' | 'refuse-data' | 'drop-after-data';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  port: number;
  /** Messages the server accepted (or read fully before dropping the connection). */
  messages: ReceivedMail[];
  /** RCPT TO commands seen: one per delivery attempt that got that far. */
  rcptAttempts: number;
  behaviour: SmtpBehaviour;
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** `host`: where it listens (`0.0.0.0` for senders in other network namespaces); its URL names 127.0.0.1. */
export async function startSmtpSink(behaviour: SmtpBehaviour = 'accept', host = '127.0.0.1'): Promise<SmtpSink> {
  const sockets = new Set<net.Socket>();
  const sink: SmtpSink = {
    url: '',
    port: 0,
    messages: [],
    rcptAttempts: 0,
    behaviour,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      sink.rcptAttempts += 1;
      if (sink.behaviour === 'refuse-rcpt') return callback(smtpError(`Mailbox <${address.address}> unavailable`, 550));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (sink.behaviour === 'refuse-data') return callback(smtpError('Message rejected as spam', 550));
        const mail: ReceivedMail = {
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw,
          parsed: parseMail(raw),
        };
        sink.messages.push(mail);
        if (sink.behaviour === 'drop-after-data') {
          for (const s of sockets) s.destroy();
          return;
        }
        callback(null, 'Queued');
      });
    },
  });
  // A client killed mid-session (a SIGKILLed worker) resets its connection; that is the test's business, not a crash.
  server.on('error', () => undefined);
  server.server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, () => resolve()));
  sink.port = (server.server.address() as net.AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return sink;
}

// ── HTTP ────────────────────────────────────────────────────────────────────────────────────────

export interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status to answer with, or 'hang' to read the request and never answer. */
  respondWith: number | 'hang';
  close(): Promise<void>;
}

export async function startHttpReceiver(): Promise<HttpReceiver> {
  const receiver: HttpReceiver = { url: '', requests: [], respondWith: 204, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.requests.push({ path: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (receiver.respondWith === 'hang') return;
      res.writeHead(receiver.respondWith).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

// ── MIME ────────────────────────────────────────────────────────────────────────────────────────

export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  from: string;
  to: string;
  text?: string;
  html?: string;
}

function splitHead(raw: string): { head: string; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return { head: raw, body: '' };
  const sep = /\r?\n\r?\n/.exec(raw.slice(at))![0];
  return { head: raw.slice(0, at), body: raw.slice(at + sep.length) };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function qpBytes(input: string, underscoreIsSpace: boolean): Buffer {
  const bytes: number[] = [];
  const s = underscoreIsSpace ? input.replace(/_/g, ' ') : input.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047: adjacent encoded words are joined as bytes first, since a character may span two. */
export function decodeHeaderValue(value: string): string {
  const word = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;
  const collapsed = value.replace(/\?=\s+=\?/g, '?==?');
  let out = '';
  let last = 0;
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length) out += Buffer.concat(pending).toString('utf8');
    pending = [];
  };
  for (let m = word.exec(collapsed); m; m = word.exec(collapsed)) {
    if (m.index > last) {
      flush();
      out += collapsed.slice(last, m.index);
    }
    pending.push(m[2]!.toUpperCase() === 'B' ? Buffer.from(m[3]!, 'base64') : qpBytes(m[3]!, true));
    last = m.index + m[0].length;
  }
  flush();
  return out + collapsed.slice(last);
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return qpBytes(body, false).toString('utf8');
    default:
      return body;
  }
}

function collectParts(head: Map<string, string>, body: string, into: { text?: string; html?: string }): void {
  const type = head.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const sections = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?\\r?\\n?`));
    for (const section of sections) {
      if (section.trim() === '') continue;
      const part = splitHead(section);
      collectParts(parseHeaders(part.head), part.body, into);
    }
    return;
  }
  const decoded = decodeBody(body, head.get('content-transfer-encoding'));
  if (/^text\/html/i.test(type)) into.html ??= decoded;
  else if (/^text\/plain/i.test(type)) into.text ??= decoded;
}

export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const parts: { text?: string; html?: string } = {};
  collectParts(headers, body, parts);
  return {
    headers,
    subject: decodeHeaderValue(headers.get('subject') ?? ''),
    messageId: headers.get('message-id') ?? '',
    from: decodeHeaderValue(headers.get('from') ?? ''),
    to: decodeHeaderValue(headers.get('to') ?? ''),
    ...parts,
  };
}
