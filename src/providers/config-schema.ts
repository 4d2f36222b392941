/**
 * @module The shape every provider's `config.ts` exports: a zod object whose keys are the
 * credential names the tenant sends in `POST /v1/config/tenant` as `{ key, value }` pairs.
 */
import * as z from 'zod'

/** A credential value: a non-empty string without surrounding whitespace. */
export const credential = (description: string) =>
  z
    .string()
    .min(1)
    .max(8192)
    .refine((v) => v.trim() === v, 'must not start or end with whitespace')
    .describe(description)

/** Every provider's config schema is a flat object of string credentials (some optional). */
export type ProviderConfigSchema = z.ZodObject<Record<string, z.ZodType<string | undefined>>>

export interface ConfigKeyDescription {
  key: string
  required: boolean
  description: string
}

/** The declared keys of a provider config schema, in declaration order. */
export const describeConfigKeys = (schema: ProviderConfigSchema): ConfigKeyDescription[] =>
  Object.entries(schema.shape).map(([key, field]) => ({
    key,
    required: !field.safeParse(undefined).success,
    // zod keeps a description on the schema it was set on, not on the `.optional()` wrapper
    description:
      field.description ??
      (field instanceof z.ZodOptional ? (field.unwrap() as z.ZodType).description : undefined) ??
      '',
  }))
