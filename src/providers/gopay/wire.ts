/**
 * @module GoPay's answers as zod schemas, and the JSON it is sent. Ids and amounts are integers on
 * GoPay's wire (10 digits, within the safe-integer range); the doc's own examples write
 * `error_code` and `card_id` both as numbers and as strings, so digit strings are read wherever an
 * integer is documented. Fields the adapter does not use are ignored, and optional ones may be
 * absent; only what decides an outcome (`id`, `state`, `amount`, `result`) is required.
 */
import * as z from 'zod'
import {
  OPERATION_RESULTS,
  PAYMENT_STATES,
  PREAUTH_STATES,
  RECURRENCE_STATES,
  REFUND_STATES,
} from './mapping'

const Id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String)
const Amount = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
])

/** Optional on the wire: absent, or `null` as serializers that write every field send it. */
const optional = <T extends z.ZodType>(type: T) =>
  type.nullish().transform((value) => value ?? undefined)

export const GoPayPayment = z.object({
  id: Id,
  parent_id: optional(Id),
  order_number: optional(z.string()),
  state: z.enum(PAYMENT_STATES),
  sub_state: optional(z.string()),
  amount: Amount,
  currency: optional(z.string()),
  payment_instrument: optional(z.string()),
  // Only used to delete the stored card later: an odd value must not hide the payment's state.
  payer: optional(z.object({ card_id: optional(Id).catch(undefined) })),
  recurrence: optional(z.object({ recurrence_state: optional(z.enum(RECURRENCE_STATES)) })),
  preauthorization: optional(
    z.object({ requested: optional(z.boolean()), state: optional(z.enum(PREAUTH_STATES)) })
  ),
  gw_url: optional(z.string()),
})
export type GoPayPayment = z.infer<typeof GoPayPayment>

/** The answer of refund, capture, void-authorization and void-recurrence. */
export const GoPayResult = z.object({
  id: Id,
  result: z.enum(OPERATION_RESULTS),
  description: optional(z.string()),
})

const GoPayRefund = z.object({
  id: optional(Id),
  state: z.enum(REFUND_STATES),
  amount: Amount,
  currency: optional(z.string()),
})

/** A list (Java `List<Refund>`); the doc's example shows bare objects, so one alone is read too. */
export const GoPayRefundHistory = z.union([
  z.array(GoPayRefund),
  GoPayRefund.transform((refund) => [refund]),
])

export const GoPayError = z.object({
  date_issued: optional(z.string()),
  errors: z
    .array(
      z.object({
        scope: optional(z.string()),
        field: optional(z.string()),
        error_code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
        error_name: optional(z.string()),
        message: optional(z.string()),
        description: optional(z.string()),
      })
    )
    .min(1),
})
export type GoPayError = z.infer<typeof GoPayError>

export const GoPayToken = z.object({
  token_type: optional(z.string()),
  access_token: z.string().min(1),
  /** Seconds; the doc gives every token 30 minutes, which is what an answer without it means. */
  expires_in: optional(Amount),
})

/**
 * Text for GoPay, cut to GoPay's maximum length in characters. C0 controls (JSON writes them as
 * `\u00XX`) and lone surrogates (`\uDXXX`) become spaces: GoPay's WAF refuses `\u` escapes.
 */
export function wireText(text: string, maxLength: number): string {
  const sendable = Array.from(text, (char) => {
    const code = char.codePointAt(0)!
    const unsendable = code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)
    return unsendable ? ' ' : char
  })
  return Array.from(sendable.join('').trim()).slice(0, maxLength).join('')
}

/**
 * The JSON body as the PHP SDK sends it (`JSON_UNESCAPED_UNICODE`): UTF-8 characters as they are.
 * `JSON.stringify` already leaves non-ASCII alone; `wireText` removed what it would escape.
 */
export function wireJson(body: object): string {
  const json = JSON.stringify(body)
  // An odd run of backslashes before `u` is an escape; `\\users` in a text is not.
  if (/(^|[^\\])(\\\\)*\\u[0-9a-fA-F]{4}/.test(json)) throw new Error('unsendable text')
  return json
}
