/**
 * @module Calls to PayTR: every service is a form-encoded POST on the one host (`www.paytr.com`),
 * for test and live alike; the test environment is `test_mode=1` on each request
 * (dev.paytr.com; paytr/paytr-whmcs @3b44c96 posts with Guzzle `form_params`). Each request
 * carries `merchant_id` and a `paytr_token` over its documented fields.
 */
import type * as z from 'zod'
import { parseJson, type SendResult, send } from '../http'
import type { ProviderContext } from '../types'
import { type PaytrSecrets, paytrToken } from './signing'

export interface PaytrSettings extends PaytrSecrets {
  merchantId: string
  /** `test_mode`: "1" for the gateway's test environment, "0" live. */
  testMode: '0' | '1'
}

export const settingsOf = (ctx: ProviderContext): PaytrSettings => ({
  merchantId: ctx.config.merchantId ?? '',
  merchantKey: ctx.config.merchantKey ?? '',
  merchantSalt: ctx.config.merchantSalt ?? '',
  testMode: ctx.environment === 'test' ? '1' : '0',
})

export const PATHS = {
  iframeToken: '/odeme/api/get-token',
  direct: '/odeme',
  status: '/odeme/durum-sorgu',
  refund: '/odeme/iade',
} as const

/** Signs `hashStr`, puts the token in the form after the fields it covers, and posts. */
export async function postForm(
  ctx: ProviderContext,
  path: string,
  fields: [string, string][],
  hashStr: string
): Promise<SendResult> {
  const form = new URLSearchParams(fields)
  form.set('paytr_token', await paytrToken(settingsOf(ctx), hashStr))
  return send(ctx.deps, `${ctx.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json, text/html',
    },
    body: form.toString(),
  })
}

export type Answer<T> = { ok: true; value: T } | { ok: false; reason: string }

/** A JSON answer read with `schema`; a network error, a 5xx or an unreadable body is `reason`. */
export function readAnswer<T>(result: SendResult, schema: z.ZodType<T>): Answer<T> {
  if (!result.ok) return { ok: false, reason: result.reason }
  if (result.status >= 500) return { ok: false, reason: `http_${result.status}` }
  const parsed = schema.safeParse(parseJson(result.text))
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: `unreadable_answer_http_${result.status}` }
}
