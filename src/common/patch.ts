import { z } from 'zod';

type Undefaulted<T> = T extends z.ZodDefault<infer I> ? I : T;

/**
 * The body of a partial update (PATCH) made from a create body: every field optional and, unlike `.partial()`,
 * without the create body's defaults. zod 4 applies a default inside `.optional()`, so with `.partial()` a field
 * the client left out would arrive as its default and the update would wipe what was stored.
 */
export function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(schema.shape)) shape[k] = (v instanceof z.ZodDefault ? (v.removeDefault() as z.ZodType) : (v as z.ZodType)).optional();
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<Undefaulted<S[K]>> }>;
}
