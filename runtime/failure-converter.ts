/**
 * Failures (messages and stack traces) travel encoded, so the payload codec encrypts them like any
 * payload: an activity's error text could quote what a customer wrote, and the engine keeps failures
 * in its history. Loaded by path (`failureConverterPath`) into the client, the worker and the workflow
 * bundle; bundles built elsewhere must name this file too.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
