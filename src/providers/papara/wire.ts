/**
 * @module Papara's answers and notifications as zod schemas. Every answer is wrapped
 * `{succeeded, data, error: {message, code}, result?}` (SDK `PaparaSingleResult`); a payment is
 * the SDK's `Payment` entity, which is also the IPN body. Only what decides an outcome is
 * required (`id`, `status`, `amount`, `currency`); an unknown `status` fails the parse.
 * Shapes: https://github.com/paparateam/merchantApiClient-node `src/common/*.ts`,
 * `src/entities/payment.ts`; a real IPN body: https://github.com/paparateam/papara-php-sample
 * `json/result.json`.
 */
import * as z from 'zod'
import { absolutePaymentUrl, isPaymentStatus, type PaymentStatus } from './mapping'

/** Optional on the wire: absent, or `null` as .NET serializers write unset fields. */
const optional = <T extends z.ZodType>(type: T) =>
  type.nullish().transform((value) => value ?? undefined)

const Status = z
  .union([z.number().int(), z.string().regex(/^\d$/).transform(Number)])
  .refine(isPaymentStatus, 'unknown Papara payment status')
  .transform((value) => value as PaymentStatus)

/** Amounts are JSON numbers in major units (`18.35`); a numeric string is read too. */
const Amount = z.union([z.number().nonnegative(), z.string().regex(/^\d{1,13}(\.\d+)?$/)])

export const PaparaPayment = z.object({
  id: z.string().min(1),
  referenceId: optional(z.string()),
  status: Status,
  amount: Amount,
  // The entity types it as the enum number; the README's IPN sample writes "TRY".
  currency: z.union([z.number().int(), z.string()]),
  paymentUrl: optional(z.string()),
  merchantSecretKey: optional(z.string()),
})
export type PaparaPayment = z.infer<typeof PaparaPayment>

export const PaparaError = z.object({
  message: optional(z.string()),
  code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
})
export type PaparaError = z.infer<typeof PaparaError>

export const PaparaResult = z.object({
  succeeded: z.boolean(),
  data: z.unknown().optional(),
  error: optional(PaparaError),
})

/**
 * The create answer: the new payment, of which the adapter needs its id and page. `paymentUrl`
 * may come without a scheme (node README sample); it must end up an http(s) URL.
 */
export const PaparaCreated = z.object({
  id: z.string().min(1),
  referenceId: optional(z.string()),
  paymentUrl: z
    .string()
    .trim()
    .min(1)
    .transform(absolutePaymentUrl)
    .pipe(
      z
        .string()
        .url()
        .regex(/^https?:\/\//i, 'paymentUrl must be an http(s) URL')
    ),
})
