import { TestWorkflowEnvironment } from '@temporalio/testing';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import { provisionTemporalCli } from './temporal-cli';

export interface DevServerOptions {
  /** SQLite file for a server whose complaints, timers and history survive a restart; none = in memory. */
  dbFilename?: string;
  port?: number;
  /** Web UI port; omit for a headless server (tests). */
  uiPort?: number;
  namespace?: string;
  log?: (line: string) => void;
  /** Server log level; tests keep it quiet. */
  serverLogLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Extra dynamic config (KEY=JSON), e.g. a low continue-as-new suggestion threshold for tests. */
  dynamicConfig?: string[];
  /** Codec server the embedded Web UI calls to show encrypted payloads (`--ui-codec-endpoint`). */
  uiCodecEndpoint?: string;
}

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl?: string;
  stop(): Promise<void>;
}

/** Settings the product relies on: workflow updates (actions answer synchronously) and fresh search attributes. */
const DYNAMIC_CONFIG = [
  'frontend.enableUpdateWorkflowExecution=true',
  'frontend.enableUpdateWorkflowExecutionAsyncAccepted=true',
  'system.forceSearchAttributesCacheRefreshOnRead=true',
];

/** Starts the Temporal CLI dev server with the project's search attributes registered. */
export async function startTemporalDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const log = options.log ?? console.log;
  const source = await provisionTemporalCli(log);
  const extraArgs = [...DYNAMIC_CONFIG, ...(options.dynamicConfig ?? [])].flatMap((value) => ['--dynamic-config-value', value]);
  if (options.uiCodecEndpoint) extraArgs.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  if (options.dbFilename) {
    // WAL lets the UI and the server read while the history is written, and survives a crash better.
    extraArgs.push('--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal');
  }
  const namespace = options.namespace ?? 'default';
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: source.kind === 'path' ? { type: 'existing-path', path: source.path } : { type: 'cached-download' },
      dbFilename: options.dbFilename,
      port: options.port,
      ui: options.uiPort !== undefined,
      uiPort: options.uiPort,
      namespace,
      searchAttributes: [...COMPLAINT_SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: options.serverLogLevel ?? 'warn' },
      extraArgs,
    },
  });
  return {
    address: env.address,
    namespace,
    uiUrl: options.uiPort !== undefined ? `http://localhost:${options.uiPort}` : undefined,
    stop: () => env.teardown(),
  };
}
