/**
 * Every action of the action table has a form on the workspace's case page: its body schema in the
 * API's document is drawn by the generated form (web/src/forms), field by field — no action needs a
 * hand-written form. The same for the intake (the New complaint page).
 */
import { buildOpenApiDocument } from '../../api/openapi';
import { COMPLAINT_ACTIONS } from '../../domain/actions';
import { widgetsOf, type JsonSchema } from '../../web/src/forms/widgets';
import { wordsFor } from '../../web/src/i18n';

interface Doc {
  paths: Record<string, Record<string, { 'x-action'?: string; requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }>>;
  components: { schemas: Record<string, JsonSchema> };
}
const doc = buildOpenApiDocument() as unknown as Doc;

function bodyOf(action: string): JsonSchema | undefined {
  for (const methods of Object.values(doc.paths)) if (methods.post?.['x-action'] === action) return methods.post.requestBody?.content['application/json'].schema;
  return undefined;
}

it.each(COMPLAINT_ACTIONS.map((a) => [a]))('%s: the case page draws its form from the schema, every field', (action) => {
  const body = bodyOf(action);
  expect(body).toBeDefined();
  const widgets = widgetsOf(body!, doc.components.schemas);
  expect(Object.keys(widgets).length).toBeGreaterThan(0);
  expect(Object.entries(widgets).filter(([, w]) => w === undefined)).toEqual([]);
});

it('the New complaint page draws every intake field', () => {
  const widgets = widgetsOf(doc.paths['/complaints'].post.requestBody!.content['application/json'].schema, doc.components.schemas);
  expect(Object.entries(widgets).filter(([, w]) => w === undefined)).toEqual([]);
  expect(widgets).toMatchObject({ channel: 'select', 'complainant.name': 'text', 'complainant.phone': 'text', description: 'textarea', 'evidence[].uri': 'text' });
});

it('names every action in Chinese on the case page', () => {
  const zh = wordsFor('zh-CN');
  expect(COMPLAINT_ACTIONS.filter((a) => zh.actionName(a) === a)).toEqual([]);
});
