/**
 * On an external cluster the service registers its search attributes through the operator API when
 * they are missing (the embedded dev server gets them at launch). A fresh namespace stands in for a
 * cluster that has never seen the service.
 */
import { randomBytes } from 'node:crypto';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { ensureSearchAttributes } from '../../runtime/temporal-connection';
import { COMPLAINT_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { eventually } from '../support/stack';

let connection: Connection;

beforeAll(async () => {
  connection = await Connection.connect({ address: process.env.TEST_TEMPORAL_ADDRESS! });
});
afterAll(async () => {
  await connection?.close();
});

it('adds the missing search attributes once, and then finds them present', async () => {
  const namespace = `sa-check-${randomBytes(4).toString('hex')}`;
  await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
  const added = await eventually(() => ensureSearchAttributes(connection, namespace), 30_000, 500);
  expect([...added].sort()).toEqual(COMPLAINT_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  for (const key of COMPLAINT_SEARCH_ATTRIBUTES) expect(Object.keys(listed.customAttributes ?? {})).toContain(key.name);
  expect(await ensureSearchAttributes(connection, namespace)).toEqual([]);
});
