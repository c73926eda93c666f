/** What the operations' handlers may call: the read side, the write side, the engine gateway. */
import type { NotificationService } from '../../notifications/service';
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { TrackingLinks } from '../../runtime/tracking';
import type { Authentication } from '../http/auth';
import type { SignInConfig } from '../pages/signin-page';
import type { Metrics } from '../http/metrics';
import type { ReadModel } from '../read/read-model';
import type { WorkflowGateway } from '../workflow-gateway';
import type { IntakeService } from '../write/intake';
import type { Replanner } from '../write/replan';
import type { PrivacyService } from '../write/privacy';
import type { PolicyProvider } from '../../runtime/policy';

export interface AppDependencies {
  db: Database;
  intake: IntakeService;
  readModel: ReadModel;
  workflows: WorkflowGateway;
  /** Re-planning open complaints onto a new policy version or calendar year. */
  replanner: Replanner;
  /** Legal holds, people's data requests, the retention sweep. */
  privacy: PrivacyService;
  /** The policy in force (its retention rules). */
  policy: PolicyProvider;
  tracking?: TrackingLinks;
  /** Notices the API itself sends (quality reviews): stored in the outbox; in-app at once, e-mail by the workers' outbox sweep. */
  notifications: NotificationService;
  authentication: Authentication;
  /** The OpenID provider staff sign in with in the browser; absent when only scripts' tokens are accepted. */
  signIn?: SignInConfig;
  /** The Temporal Web UI operators open a complaint's workflow in. */
  temporalUi?: { url: string; namespace: string };
  log: Logger;
  /** Checks for /readyz: each resolves when its dependency answers. */
  readiness: Record<string, () => Promise<unknown>>;
  /** Prometheus metrics; a fresh registry when omitted. */
  metrics?: Metrics;
}
