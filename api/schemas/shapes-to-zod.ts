/**
 * A payload shape (`domain/shapes.ts`) as a zod schema: what the API parses with (trimming, defaults,
 * a 400 naming each bad field) and what the OpenAPI document describes. The workflow checks the same
 * shape without zod.
 */
import { z } from 'zod';
import type { ObjectShape, Shape, ShapeValue } from '../../domain/shapes';
import { boundedText, identifier, singleLine } from '../../domain/text';

export function shapeToZod<S extends Shape>(shape: S): z.ZodType<ShapeValue<S>> {
  let schema = baseSchema(shape);
  if (shape.description !== undefined) schema = schema.describe(shape.description);
  if (shape.default !== undefined) return schema.default(shape.default as never) as unknown as z.ZodType<ShapeValue<S>>;
  if (shape.optional) return schema.optional() as unknown as z.ZodType<ShapeValue<S>>;
  return schema as z.ZodType<ShapeValue<S>>;
}

function baseSchema(shape: Shape): z.ZodType {
  switch (shape.type) {
    case 'text':
      return shape.line ? singleLine(shape.max) : boundedText(shape.max);
    case 'id':
      return identifier(shape.max);
    case 'url':
      return z.url().max(shape.max);
    case 'pattern':
      return z.string().regex(shape.pattern, shape.hint);
    case 'enum':
      return z.enum(shape.values as [string, ...string[]]);
    case 'int':
      return z.number().int().min(shape.min).max(shape.max);
    case 'boolean':
      return z.boolean();
    case 'list':
      return z.array(shapeToZod(shape.items)).min(shape.min).max(shape.max);
    case 'object':
      return objectSchema(shape);
  }
}

function objectSchema(shape: ObjectShape): z.ZodType {
  const object = z.strictObject(Object.fromEntries(Object.entries(shape.fields).map(([key, field]) => [key, shapeToZod(field)])));
  const refine = shape.refine;
  if (!refine) return object;
  return object.superRefine((value, ctx) => {
    for (const issue of refine(value as never)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
  });
}
