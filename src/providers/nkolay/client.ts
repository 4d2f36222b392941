/**
 * @module Calls to Paynkolay: every service is a form-encoded POST (spec: every requestBody is
 * `application/x-www-form-urlencoded`) whose `hashDatav2` is computed over the values exactly as
 * they are sent. Three `sx` tokens: payments (`sx`), listing (`sxList`) and cancel/refund
 * (`sxCancel`), with one merchant secret key.
 */
import type * as z from 'zod'
import { type SendResult, send } from '../http'
import type { ProviderContext } from '../types'
import { hashDataV2 } from './signing'
import { unwrapAnswer } from './wire'

export const PATHS = {
  payment: '/Vpos/v1/Payment',
  // The spec's path; the older docs page names /Vpos/Payment/CompletePayment (docs/providers/nkolay.md).
  complete: '/Vpos/v1/CompletePayment',
  list: '/Vpos/Payment/PaymentList',
  cancelRefund: '/Vpos/v1/CancelRefundPayment',
  partialRefund: '/Vpos/Payment/PartialRefundPayment',
  preAuthApprove: '/Vpos/Payment/PreAuthorizationAprove',
  preAuthCancel: '/Vpos/Payment/PreAuthorizationCancel',
} as const

export interface NkolaySettings {
  sx: string
  sxList: string
  sxCancel: string
  secretKey: string
}

export const settingsOf = (ctx: ProviderContext): NkolaySettings => ({
  sx: ctx.config.sx ?? '',
  sxList: ctx.config.sxList ?? '',
  sxCancel: ctx.config.sxCancel ?? '',
  secretKey: ctx.config.secretKey ?? '',
})

/** A request: the fields in the order sent, and the names `hashDatav2` covers, in hash order. */
export interface SignedForm {
  fields: [string, string][]
  signed: readonly string[]
}

/** Computes `hashDatav2` over the sent values (secret last) and posts the form. */
export async function postSigned(
  ctx: ProviderContext,
  path: string,
  form: SignedForm
): Promise<SendResult> {
  const values = new Map(form.fields)
  const hash = await hashDataV2([
    ...form.signed.map((name) => values.get(name) ?? ''),
    settingsOf(ctx).secretKey,
  ])
  const body = new URLSearchParams([...form.fields, ['hashDatav2', hash]])
  return send(ctx.deps, `${ctx.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: body.toString(),
  })
}

/** A request that carries no hash (CompletePayment: `sx` and `referenceCode` only). */
export const postPlain = (ctx: ProviderContext, path: string, fields: [string, string][]) =>
  send(ctx.deps, `${ctx.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  })

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string }

/** The answer read with `schema`; a network error, a 5xx or an unreadable body is `reason`. */
export function readAnswer<T>(result: SendResult, schema: z.ZodType<T>): Answer<T> {
  if (!result.ok) return { ok: false, reason: result.reason }
  if (result.status >= 500) return { ok: false, reason: `http_${result.status}` }
  const parsed = schema.safeParse(unwrapAnswer(result.text))
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: `unreadable_answer_http_${result.status}` }
}
