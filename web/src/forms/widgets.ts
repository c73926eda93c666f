/**
 * Which control draws a field of a JSON schema (from the API's OpenAPI document). Kept apart from
 * the React form so a test can prove that every action's body is drawable — no hand-written form
 * needed — without a browser.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: (string | number)[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  description?: string;
  default?: unknown;
  $ref?: string;
}

export type Widget = 'select' | 'switch' | 'number' | 'group' | 'list' | 'tags' | 'text' | 'textarea';

/** Follows `$ref`s into `#/components/schemas`. */
export function resolveSchema(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  if (schema.$ref) return resolveSchema(components[schema.$ref.replace('#/components/schemas/', '')], components);
  return schema;
}

/** The schema a field takes, unwrapping `anyOf`/`oneOf` with null (optional, nullable). */
export function effectiveSchema(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const s = resolveSchema(schema, components);
  const variants = s.anyOf ?? s.oneOf;
  if (variants) {
    const nonNull = variants.map((v) => resolveSchema(v, components)).filter((v) => v.type !== 'null');
    if (nonNull.length === 1) return { ...nonNull[0], description: s.description ?? nonNull[0].description };
    // Alternatives of plain values (e.g. a date or an instant) are typed in as text.
    if (nonNull.length > 1 && nonNull.every((v) => kindOf(v) === 'string')) return { type: 'string', description: s.description };
  }
  return s;
}

export const kindOf = (s: JsonSchema) => (Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type);

/** The control for a field, or undefined when the schema has a shape no control draws. */
export function widgetFor(schema: JsonSchema, components: Record<string, JsonSchema>): Widget | undefined {
  const s = effectiveSchema(schema, components);
  if (s.enum) return 'select';
  const kind = kindOf(s);
  if (kind === 'boolean') return 'switch';
  if (kind === 'integer' || kind === 'number') return 'number';
  if (kind === 'object') return s.properties ? 'group' : undefined;
  if (kind === 'array' && s.items) {
    const item = effectiveSchema(s.items, components);
    if (kindOf(item) === 'object') return item.properties ? 'list' : undefined;
    return kindOf(item) === 'string' ? 'tags' : undefined;
  }
  // Free text gets a text area; addresses, e-mails and patterned values stay on one line.
  if (kind === 'string') return (s.maxLength ?? 0) > 300 && !s.format && !s.pattern ? 'textarea' : 'text';
  return undefined;
}

/** Every field of a body, with its control (undefined: not drawable), by dotted path. */
export function widgetsOf(schema: JsonSchema, components: Record<string, JsonSchema>, prefix = ''): Record<string, Widget | undefined> {
  const s = effectiveSchema(schema, components);
  const out: Record<string, Widget | undefined> = {};
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const widget = widgetFor(child, components);
    out[path] = widget;
    if (widget === 'group') Object.assign(out, widgetsOf(child, components, path));
    if (widget === 'list') Object.assign(out, widgetsOf(effectiveSchema(child, components).items!, components, `${path}[]`));
  }
  return out;
}
