/**
 * Payload shapes without a schema library: one declaration per payload that both sides read.
 *
 * - The API turns a shape into a zod schema (`api/schemas/shapes-to-zod.ts`), which trims strings,
 *   fills defaults, answers 400 naming each bad field and feeds the OpenAPI document.
 * - The workflow checks the parsed value it receives against the same shape (`checkShape`) before it
 *   relies on it, and fills the same defaults (`withDefaults`), without loading zod into the sandbox:
 *   every module of the workflow bundle is evaluated again for each cached complaint, and zod with its
 *   schemas cost about 1 MB of heap per complaint.
 *
 * Pure data and small functions: bundled into the workflow sandbox.
 */
import { hasControlCharacters } from './text-rules';

export interface ShapeIssue {
  path: string;
  message: string;
}

interface Base {
  /** May be absent. */
  optional?: true;
  /** Filled in when absent (the field is then optional on input and present on output). */
  default?: unknown;
  /** Help for people (OpenAPI description, form help). */
  description?: string;
}

/** Free text: trimmed, 1..max characters, no control characters (line breaks allowed unless `line`). */
export interface TextShape extends Base { type: 'text'; max: number; line?: true }
/** An identifier: letters, digits and `_ . : @ -`. */
export interface IdShape extends Base { type: 'id'; max: number }
/** An absolute URL (http, https, or another scheme). */
export interface UrlShape extends Base { type: 'url'; max: number }
/** Matches a pattern (currency codes and the like). */
export interface PatternShape extends Base { type: 'pattern'; pattern: RegExp; hint: string }
export interface EnumShape<V extends string = string> extends Base { type: 'enum'; values: readonly V[] }
export interface IntShape extends Base { type: 'int'; min: number; max: number }
export interface BooleanShape extends Base { type: 'boolean' }
export interface ListShape<I extends Shape = Shape> extends Base { type: 'list'; items: I; min: number; max: number }
export interface ObjectShape<F extends Fields = Fields> extends Base {
  type: 'object';
  fields: F;
  /** Rules across fields; each issue names the field it is about. (A method, so that a shape with precise fields is still a Shape.) */
  refine?(value: ShapeValue<ObjectShape<F>>): ShapeIssue[];
}

export type Shape = TextShape | IdShape | UrlShape | PatternShape | EnumShape | IntShape | BooleanShape | ListShape | ObjectShape;
export type Fields = Record<string, Shape>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type IsOptional<S> = S extends { optional: true } ? true : false;

/** The value a shape describes, after defaults are filled in. */
export type ShapeValue<S> = S extends { type: 'text' | 'id' | 'url' | 'pattern' }
  ? string
  : S extends EnumShape<infer V>
    ? V
    : S extends { type: 'int' }
      ? number
      : S extends { type: 'boolean' }
        ? boolean
        : S extends ListShape<infer I>
          ? ShapeValue<I>[]
          : S extends ObjectShape<infer F>
            ? Simplify<{ [K in keyof F as IsOptional<F[K]> extends true ? never : K]: ShapeValue<F[K]> } & { [K in keyof F as IsOptional<F[K]> extends true ? K : never]?: ShapeValue<F[K]> }>
            : never;

// ── Builders ───────────────────────────────────────────────────────────────────────────────────

export const text = (max: number, more: Partial<Omit<TextShape, 'type' | 'max'>> = {}): TextShape => ({ type: 'text', max, ...more });
export const line = (max: number): TextShape => ({ type: 'text', max, line: true });
export const id = (max = 64): IdShape => ({ type: 'id', max });
export const url = (max = 2000): UrlShape => ({ type: 'url', max });
export const pattern = (re: RegExp, hint: string): PatternShape => ({ type: 'pattern', pattern: re, hint });
export const oneOf = <const V extends string>(values: readonly V[]): EnumShape<V> => ({ type: 'enum', values });
export const int = (min: number, max: number): IntShape => ({ type: 'int', min, max });
export const bool = (): BooleanShape => ({ type: 'boolean' });
export const list = <I extends Shape>(items: I, min: number, max: number): ListShape<I> => ({ type: 'list', items, min, max });
export const object = <F extends Fields>(fields: F, refine?: (value: ShapeValue<ObjectShape<F>>) => ShapeIssue[]): ObjectShape<F> => ({ type: 'object', fields, ...(refine ? { refine } : {}) });
/** The field may be absent. */
export const optional = <S extends Shape>(shape: S): S & { optional: true } => ({ ...shape, optional: true });
/** Absent → `value` (required on output, optional on input). */
export const withDefault = <S extends Shape>(shape: S, value: ShapeValue<S>): S => ({ ...shape, default: value });

/** The one alphabet of identifiers (staff, departments, evidence). */
export const IDENTIFIER = /^[A-Za-z0-9_.:@-]+$/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;

// ── The workflow's check ───────────────────────────────────────────────────────────────────────

/**
 * Checks a value that should already have been parsed by the API against its shape: every issue
 * with its field's path. It transforms nothing (the API trimmed the strings); absent fields with a
 * default are accepted.
 */
export function checkShape(shape: Shape, value: unknown, path = ''): ShapeIssue[] {
  const at = (message: string): ShapeIssue[] => [{ path, message }];
  switch (shape.type) {
    case 'text':
      if (typeof value !== 'string') return at('expected text');
      if (value.length < 1 || value.length > shape.max) return at(`1 to ${shape.max} characters`);
      return hasControlCharacters(value, !shape.line) ? at('control characters are not allowed') : [];
    case 'id':
      if (typeof value !== 'string') return at('expected an identifier');
      return value.length >= 1 && value.length <= shape.max && IDENTIFIER.test(value) ? [] : at('letters, digits and _ . : @ - only');
    case 'url':
      return typeof value === 'string' && value.length <= shape.max && URL_LIKE.test(value) ? [] : at('expected a URL');
    case 'pattern':
      return typeof value === 'string' && shape.pattern.test(value) ? [] : at(shape.hint);
    case 'enum':
      return typeof value === 'string' && shape.values.includes(value) ? [] : at(`one of ${shape.values.join(', ')}`);
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= shape.min && value <= shape.max ? [] : at(`a whole number from ${shape.min} to ${shape.max}`);
    case 'boolean':
      return typeof value === 'boolean' ? [] : at('expected true or false');
    case 'list':
      if (!Array.isArray(value)) return at('expected a list');
      if (value.length < shape.min || value.length > shape.max) return at(`${shape.min} to ${shape.max} entries`);
      return value.flatMap((item, i) => checkShape(shape.items, item, join(path, String(i))));
    case 'object':
      return checkObject(shape, value, path);
  }
}

function checkObject(shape: ObjectShape, value: unknown, path: string): ShapeIssue[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path, message: 'expected an object' }];
  const record = value as Record<string, unknown>;
  const issues: ShapeIssue[] = [];
  for (const key of Object.keys(record)) {
    if (!Object.hasOwn(shape.fields, key)) issues.push({ path: join(path, key), message: 'unknown field' });
  }
  for (const [key, field] of Object.entries(shape.fields)) {
    const v = record[key];
    if (v === undefined) {
      if (!field.optional && field.default === undefined) issues.push({ path: join(path, key), message: 'required' });
      continue;
    }
    issues.push(...checkShape(field, v, join(path, key)));
  }
  if (issues.length === 0 && shape.refine) issues.push(...shape.refine(withDefaults(shape, record) as never).map((i) => ({ ...i, path: join(path, i.path) })));
  return issues;
}

/** The value with each absent defaulted field of an object shape filled in (one level deep). */
export function withDefaults<S extends ObjectShape>(shape: S, value: Record<string, unknown>): ShapeValue<S> {
  const filled: Record<string, unknown> = { ...value };
  for (const [key, field] of Object.entries(shape.fields)) {
    if (filled[key] === undefined && field.default !== undefined) filled[key] = field.default;
  }
  return filled as ShapeValue<S>;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
