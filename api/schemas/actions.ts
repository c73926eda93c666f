/** Each action's payload as the zod schema the API parses with (from its shape in `domain/actions.ts`). */
import type { z } from 'zod';
import { ACTION_RULES, COMPLAINT_ACTIONS, remedyShape, type ActionPayload, type ComplaintActionName } from '../../domain/actions';
import { shapeToZod } from './shapes-to-zod';

export const ACTION_SCHEMAS = Object.fromEntries(COMPLAINT_ACTIONS.map((name) => [name, shapeToZod(ACTION_RULES[name].payload)])) as {
  [A in ComplaintActionName]: z.ZodType<ActionPayload<A>>;
};

export const remedySchema = shapeToZod(remedyShape);

/** Parses an action's payload with its schema (the API and the tracking page's API call this). */
export function parseActionPayload<A extends ComplaintActionName>(action: A, payload: unknown): z.ZodSafeParseResult<ActionPayload<A>> {
  // TypeScript cannot correlate ACTION_SCHEMAS[action] with A for a generic A; the entry is A's by construction.
  return (ACTION_SCHEMAS[action] as z.ZodType<ActionPayload<A>>).safeParse(payload);
}
