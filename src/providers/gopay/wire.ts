/**
 * @module GoPay's answers as zod schemas, and the JSON it is sent. Ids are integers on GoPay's
 * wire (10 digits, within the safe-integer range); the doc's own examples write `error_code` both
 * as a number and as a string, so both are read.
 */
import { z } from 'zod'
import {
  OPERATION_RESULTS,
  PAYMENT_STATES,
  PREAUTH_STATES,
  RECURRENCE_STATES,
  REFUND_STATES,
} from './mapping'

const Id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String)
const Amount = z.number().int().nonnegative()

export const GoPayPayment = z.object({
  id: Id,
  parent_id: Id.optional(),
  order_number: z.string().optional(),
  state: z.enum(PAYMENT_STATES),
  sub_state: z.string().optional(),
  amount: Amount,
  currency: z.string(),
  payment_instrument: z.string().optional(),
  payer: z.object({ card_id: Id.optional() }).optional(),
  recurrence: z.object({ recurrence_state: z.enum(RECURRENCE_STATES).optional() }).optional(),
  preauthorization: z
    .object({ requested: z.boolean().optional(), state: z.enum(PREAUTH_STATES).optional() })
    .optional(),
  gw_url: z.string().optional(),
})
export type GoPayPayment = z.infer<typeof GoPayPayment>

/** The answer of refund, capture, void-authorization and void-recurrence. */
export const GoPayResult = z.object({
  id: Id,
  result: z.enum(OPERATION_RESULTS),
  description: z.string().optional(),
})

export const GoPayRefundHistory = z.array(
  z.object({
    id: Id.optional(),
    state: z.enum(REFUND_STATES),
    amount: Amount,
    currency: z.string().optional(),
  })
)

export const GoPayError = z.object({
  date_issued: z.string().optional(),
  errors: z
    .array(
      z.object({
        scope: z.string().optional(),
        field: z.string().optional(),
        error_code: z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]),
        error_name: z.string().optional(),
        message: z.string().optional(),
        description: z.string().optional(),
      })
    )
    .min(1),
})
export type GoPayError = z.infer<typeof GoPayError>

export const GoPayToken = z.object({
  token_type: z.string().optional(),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
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
