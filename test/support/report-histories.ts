/**
 * Random complaint histories for the report reference check, shaped like the workflow writes them:
 * batches of events (each in the stage the complaint was in when it happened) ending in a stage,
 * along every path — simple, complex, approval (granted or refused), rejection rounds, breaches and
 * escalations, reopen, follow-up visits (satisfied, dissatisfied → reopened), withdrawal, duplicate,
 * and cases still open. A seeded generator, so a failure names a seed that reproduces it.
 */
import type { Category, Channel, Stage } from '../../domain/model';
import type { TimelineEventType } from '../../domain/timeline';

export interface GenEvent {
  type: TimelineEventType;
  stage: Stage;
  actor: { id: string; role: 'customer' | 'agent' | 'handler' | 'supervisor' | 'manager' | 'admin' };
  internal: boolean;
  at: number;
  data: Record<string, unknown>;
}

export interface GenBatch {
  events: GenEvent[];
  stageAfter: Stage;
  category?: Category;
  departmentId?: string;
  assigneeId?: string;
}

export interface GenComplaint {
  number: string;
  receivedAt: number;
  channel: Channel;
  productName?: string;
  sku?: string;
  /** Who: a customer id, a phone or an e-mail (as typed: formats differ between complaints of one person). */
  customerId?: string;
  phone?: string;
  email?: string;
  /** The person behind it (the generator's truth, for the expected repeats). */
  person: string;
  batches: GenBatch[];
  path: string;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CATEGORIES: Category[] = ['product_quality', 'service_attitude', 'after_sales', 'logistics', 'price_dispute'];
const CHANNELS: Channel[] = ['hotline', 'web', 'app', 'email', 'store'];
const DEPARTMENTS = ['dept-a', 'dept-b', 'dept-c'];
const HANDLERS = ['h-1', 'h-2', 'h-3', 'h-4'];
/** Names of one product as different people type them (one product key), and others. */
const PRODUCTS = ['Kettle K2', 'kettle  k2', 'KETTLE K2', 'Blender B9', 'Toaster T1', undefined];
/** People and how they identify themselves: one phone in three spellings, e-mails in two cases. */
const PEOPLE: { id: string; ways: { customerId?: string; phone?: string; email?: string }[] }[] = [
  { id: 'p-phone', ways: [{ phone: '13800000001' }, { phone: '+86 138-0000-0001' }, { phone: '0086 13800000001' }] },
  { id: 'p-mail', ways: [{ email: 'Li.Wei@example.com' }, { email: 'li.wei@EXAMPLE.com ' }] },
  { id: 'p-account', ways: [{ customerId: 'cust-77', phone: '13900000077' }, { phone: '139 0000 0077' }] },
  { id: 'p-once-a', ways: [{ phone: '13700000011' }] },
  { id: 'p-once-b', ways: [{ email: 'once@example.com' }] },
];

export const PATHS = ['simple', 'complex', 'approval', 'approval_refused', 'rejections', 'breach', 'reopen', 'follow_up', 'follow_up_reopen', 'withdraw', 'duplicate', 'open'] as const;

/** Generates `count` complaints received between `from` and `to` (epoch ms). */
export function generateHistories(seed: number, count: number, from: number, to: number, numberBase: number): GenComplaint[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number) => rnd() < p;
  const out: GenComplaint[] = [];
  for (let i = 0; i < count; i++) {
    // Every path at least count/PATHS times; the rest at random.
    const path = i < PATHS.length * 8 ? PATHS[i % PATHS.length] : pick(PATHS);
    const receivedAt = Math.floor(from + rnd() * (to - from));
    const person = chance(0.35) ? pick(PEOPLE) : { id: `solo-${i}`, ways: [chance(0.5) ? { phone: `1350000${String(1000 + i).padStart(4, '0')}` } : {}] };
    const way = pick(person.ways);
    const product = pick(PRODUCTS);
    const number = `CMP-20261001-${String(numberBase + i).padStart(6, '0')}`;
    const category = pick(CATEGORIES);
    const departmentId = pick(DEPARTMENTS);
    const handler = pick(HANDLERS);
    const h = new HistoryBuilder(receivedAt, rnd);
    buildPath(h, path, { category, departmentId, handler, chance, pick });
    out.push({
      number,
      receivedAt,
      channel: pick(CHANNELS),
      productName: product,
      sku: !product && chance(0.3) ? pick(['SKU-9', 'sku-9']) : undefined,
      ...way,
      person: person.id,
      batches: h.batches,
      path,
    });
  }
  return out;
}

const SYSTEM = { id: 'system', role: 'admin' } as const;
const CUSTOMER = { id: 'customer', role: 'customer' } as const;

class HistoryBuilder {
  stage: Stage = 'received';
  t: number;
  batches: GenBatch[] = [];
  private current: GenEvent[] | undefined;
  dims: Pick<GenBatch, 'category' | 'departmentId' | 'assigneeId'> = {};

  constructor(
    receivedAt: number,
    private readonly rnd: () => number,
  ) {
    this.t = receivedAt;
  }

  wait(minMs: number, maxMs: number): void {
    this.t += Math.floor(minMs + this.rnd() * (maxMs - minMs));
  }

  batch(fn: () => void): void {
    this.current = [];
    fn();
    this.batches.push({ events: this.current, stageAfter: this.stage, ...this.dims });
    this.current = undefined;
  }

  emit(type: TimelineEventType, actor: GenEvent['actor'], data: Record<string, unknown> = {}, internal = false): void {
    this.current!.push({ type, stage: this.stage, actor, internal, at: this.t, data });
  }

  enter(stage: Stage): void {
    this.stage = stage;
  }
}

interface Choices {
  category: Category;
  departmentId: string;
  handler: string;
  chance: (p: number) => boolean;
  pick: <T>(xs: readonly T[]) => T;
}

function buildPath(h: HistoryBuilder, path: (typeof PATHS)[number], c: Choices): void {
  const staff = { id: c.handler, role: 'handler' } as const;
  const agent = { id: 'a-1', role: 'agent' } as const;
  const breach = (p: number) => {
    if (!c.chance(p)) return;
    h.wait(MINUTE, 2 * HOUR);
    h.batch(() => {
      h.emit('sla_breached', SYSTEM, { kind: 'reply' });
      if (c.chance(0.7)) h.emit('escalated', SYSTEM, { level: 1 });
    });
  };
  const close = (outcome: string, actor: GenEvent['actor']) => {
    h.enter('closed');
    h.emit('closed', actor, { outcome });
  };
  const rate = (score: number) => {
    h.wait(HOUR, 2 * DAY);
    h.batch(() => {
      h.emit('satisfaction_recorded', CUSTOMER, { score });
      close('resolved', CUSTOMER);
    });
  };

  // Acknowledgement: at once, or late after an outage (> 24 h now and then).
  h.wait(200, c.chance(0.1) ? 40 * HOUR : 10 * MINUTE);
  h.batch(() => {
    h.enter('acknowledged');
    h.emit('acknowledged', SYSTEM);
  });
  if (path === 'duplicate') {
    h.wait(MINUTE, 3 * HOUR);
    h.batch(() => close('duplicate', agent));
    return;
  }
  breach(path === 'breach' ? 1 : 0.1);
  if (c.chance(0.2)) {
    h.wait(MINUTE, HOUR);
    h.batch(() => h.emit('note', CUSTOMER, {}, false));
  }
  if (path === 'open' && c.chance(0.3)) return;

  // Triage.
  const simple = path === 'simple' || (path === 'follow_up' && c.chance(0.3));
  h.wait(10 * MINUTE, 30 * HOUR);
  h.dims = { category: c.category, departmentId: c.departmentId, assigneeId: simple ? agent.id : c.handler };
  h.batch(() => {
    h.enter(simple ? 'resolving_on_spot' : 'investigating');
    h.emit('triaged', agent, {});
  });
  if (c.chance(0.3)) {
    h.wait(MINUTE, 2 * HOUR);
    h.batch(() => h.emit('note', staff, {}, true));
  }
  if (path === 'withdraw' && c.chance(0.5)) {
    h.wait(HOUR, DAY);
    h.batch(() => {
      h.emit('withdrawn', CUSTOMER);
      close('withdrawn', CUSTOMER);
    });
    return;
  }

  if (simple) {
    h.wait(5 * MINUTE, 3 * HOUR);
    h.batch(() => {
      h.enter('confirming');
      h.emit('resolved_on_spot', agent);
    });
    const score = path === 'follow_up' ? 2 : c.pick([3, 4, 5, 5]);
    rate(score);
  } else {
    if (investigateToClosure(h, path, c, staff, breach, rate) === 'stopped') return;
  }

  // After the closure.
  if (path === 'reopen') {
    h.wait(HOUR, 5 * DAY);
    h.batch(() => {
      h.enter('investigating');
      h.emit('reopened', CUSTOMER, { reopenCount: 1 });
    });
    if (c.chance(0.5)) investigateToClosure(h, 'complex', c, staff, breach, rate);
    return;
  }
  if (path === 'follow_up' || path === 'follow_up_reopen') {
    h.wait(5 * DAY, 10 * DAY);
    h.batch(() => {
      h.enter('follow_up');
      h.emit('follow_up_due', SYSTEM);
    });
    if (c.chance(0.3)) {
      h.wait(DAY, 2 * DAY);
      h.batch(() => h.emit('sla_breached', SYSTEM, { kind: 'followUpVisit' }));
    }
    h.wait(HOUR, 3 * DAY);
    const dissatisfied = path === 'follow_up_reopen';
    h.batch(() => {
      h.emit('follow_up_recorded', agent, { reached: true, satisfied: !dissatisfied });
      if (dissatisfied) {
        h.enter('investigating');
        h.emit('reopened', agent, { reopenCount: 1 });
      } else h.enter('closed'); // no event in `closed`: the batch ends there
    });
  }
}

function investigateToClosure(
  h: HistoryBuilder,
  path: string,
  c: Choices,
  staff: GenEvent['actor'],
  breach: (p: number) => void,
  rate: (score: number) => void,
): 'closed' | 'stopped' {
  const progress = c.chance(0.6);
  if (progress) {
    h.wait(HOUR, 40 * HOUR);
    h.batch(() => h.emit('progress_update_sent', staff));
  }
  breach(path === 'breach' ? 0.8 : 0.15);
  h.wait(HOUR, 3 * DAY);
  h.batch(() => {
    h.enter('proposing');
    h.emit('findings_recorded', staff);
  });
  if (path === 'open' && c.chance(0.5)) return 'stopped';
  const rounds = path === 'rejections' ? 1 + Math.floor(c.chance(0.5) ? 2 : 1) : 0;
  for (let round = 0; round <= rounds; round++) {
    h.wait(10 * MINUTE, DAY);
    const needsApproval = (path === 'approval' || path === 'approval_refused') && round === 0;
    if (needsApproval) {
      h.batch(() => {
        h.enter('awaiting_approval');
        h.emit('proposal_submitted_for_approval', staff, { approverRole: 'supervisor' });
      });
      breach(0.3);
      h.wait(HOUR, 2 * DAY);
      const supervisor = { id: 's-1', role: 'supervisor' } as const;
      if (path === 'approval_refused') {
        h.batch(() => {
          h.emit('proposal_rejected_by_approver', supervisor);
          h.enter('proposing'); // no event in `proposing`
        });
        h.wait(HOUR, DAY);
        h.batch(() => {
          h.enter('negotiating');
          h.emit('proposal_sent', staff);
        });
      } else {
        h.batch(() => {
          h.emit('proposal_approved', supervisor);
          h.enter('negotiating');
          h.emit('proposal_sent', supervisor);
        });
      }
    } else {
      h.batch(() => {
        h.enter('negotiating');
        h.emit('proposal_sent', staff);
      });
    }
    h.wait(HOUR, 3 * DAY);
    if (round < rounds) {
      h.batch(() => {
        h.emit('proposal_rejected', CUSTOMER, { round: round + 1 });
        h.enter('proposing');
        if (round + 1 === 2) h.emit('escalated', SYSTEM, { level: 2 });
      });
    }
  }
  if (path === 'withdraw') {
    h.batch(() => {
      h.emit('withdrawn', CUSTOMER);
      h.enter('closed');
      h.emit('closed', CUSTOMER, { outcome: 'withdrawn' });
    });
    return 'closed';
  }
  h.batch(() => {
    h.enter('executing');
    h.emit('proposal_accepted', CUSTOMER);
  });
  breach(0.1);
  if (path === 'open') return 'stopped';
  h.wait(HOUR, 4 * DAY);
  h.batch(() => {
    h.enter('confirming');
    h.emit('execution_completed', staff);
  });
  rate(path === 'follow_up' || path === 'follow_up_reopen' ? 2 : c.pick([1, 2, 3, 4, 5, 5]));
  return 'closed';
}
