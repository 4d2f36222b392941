/**
 * @module One Stripe API call: `Authorization: Bearer <secret key>`, the pinned `Stripe-Version`,
 * form-encoded parameters (POST body or GET query, stripe-node's encoding) and, on every POST, an
 * `Idempotency-Key` derived from the gateway's payment or refund id and the operation, so a retry
 * of a lost answer replays Stripe's first answer instead of charging or refunding again
 * (docs.stripe.com/api/idempotent_requests; Stripe keeps keys at least 24 hours).
 * The answer is classified once: a JSON object, a Stripe error, or unknown (timeout, network, 5xx).
 */
import * as z from 'zod'
import { parseJson, send } from '../http'
import type { ProviderContext } from '../types'
import { encodeForm, type FormObject } from './form'
import { STRIPE_API_VERSION } from './mapping'

export const StripeError = z.object({
  type: z.string(),
  code: z.string().nullish(),
  decline_code: z.string().nullish(),
  message: z.string().nullish(),
  param: z.string().nullish(),
  payment_intent: z.unknown().optional(),
})
export type StripeError = z.infer<typeof StripeError>

export type StripeAnswer =
  | { kind: 'ok'; status: number; body: unknown }
  | { kind: 'error'; status: number; error: StripeError }
  | { kind: 'unknown'; reason: string }

const Credentials = z.object({ secretKey: z.string().min(1) })

export interface StripeRequest {
  method: 'GET' | 'POST'
  path: string
  params?: FormObject
  /** Required on POST: `<paymentId>:create`, `<refundId>:refund`, … */
  idempotencyKey?: string
}

export async function callStripe(
  ctx: ProviderContext,
  request: StripeRequest
): Promise<StripeAnswer> {
  const { secretKey } = Credentials.parse(ctx.config)
  const encoded = encodeForm(request.params ?? {})
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Authorization: `Bearer ${secretKey}`,
    'Stripe-Version': STRIPE_API_VERSION,
  }
  let url = `${ctx.baseUrl}${request.path}`
  let body: string | undefined
  if (request.method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded'
    if (request.idempotencyKey) headers['Idempotency-Key'] = request.idempotencyKey
    body = encoded
  } else if (encoded) {
    url = `${url}?${encoded}`
  }
  const result = await send(ctx.deps, url, { method: request.method, headers, body })
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  // A 5xx may come after Stripe acted; 409 is a concurrent request under the same key, still running.
  if (result.status >= 500 || result.status === 409)
    return { kind: 'unknown', reason: `http_${result.status}` }
  const json = parseJson(result.text)
  if (result.status >= 200 && result.status < 300) {
    return json === undefined
      ? { kind: 'unknown', reason: 'unreadable_answer' }
      : { kind: 'ok', status: result.status, body: json }
  }
  const error = z.object({ error: StripeError }).safeParse(json)
  if (!error.success) return { kind: 'unknown', reason: `http_${result.status}` }
  // A reused key with other parameters means a first request went out with this key: its outcome
  // is not known from this answer.
  if (error.data.error.type === 'idempotency_error')
    return { kind: 'unknown', reason: 'idempotency_error' }
  return { kind: 'error', status: result.status, error: error.data.error }
}

/** Stripe's message, except for a refused key: Stripe echoes part of the key in it. */
export const messageOf = (answer: { status: number; error: StripeError }) =>
  answer.status === 401
    ? 'Stripe refused the API key (401); check the secretKey configured for Stripe.'
    : (answer.error.message ??
      `Stripe answered ${answer.status} (${answer.error.code ?? answer.error.type}).`)
