import fs from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
// Not re-exported from the package root; the SDK's own mapping beats a hand-written copy.
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { NativeConnection } from '@temporalio/worker';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';
import type { RuntimeConfig } from './config';

export interface TemporalTarget {
  address: string;
  namespace: string;
  tls?: RuntimeConfig['temporalTls'];
}

function tlsOptions(tls: TemporalTarget['tls']): ConnectionOptions['tls'] {
  if (!tls) return undefined;
  return {
    serverNameOverride: tls.serverNameOverride,
    serverRootCACertificate: tls.serverRootCACertPath ? fs.readFileSync(tls.serverRootCACertPath) : undefined,
    clientCertPair:
      tls.clientCertPath && tls.clientKeyPath
        ? { crt: fs.readFileSync(tls.clientCertPath), key: fs.readFileSync(tls.clientKeyPath) }
        : undefined,
  };
}

export async function connectClient(target: TemporalTarget, dataConverter?: DataConverter): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address: target.address, tls: tlsOptions(target.tls) });
  return { client: new Client({ connection, namespace: target.namespace, dataConverter }), connection };
}

export function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect({ address: target.address, tls: tlsOptions(target.tls) });
}

/**
 * On an external cluster, registers the complaint search attributes that are missing (the embedded
 * dev server gets them at launch). Returns the names it added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = COMPLAINT_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
  });
  return missing.map((key) => key.name);
}
