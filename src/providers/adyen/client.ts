/**
 * @module One call to Adyen's Checkout API: JSON over HTTPS with the web-service user's API key in
 * `X-API-Key` and, on every POST, an `Idempotency-Key`. The base URL carries the version
 * (`https://checkout-test.adyen.com/v71`; live `https://{prefix}-checkout-live.adyenpayments.com/
 * checkout/v71`); documented paths follow it.
 * Docs: https://docs.adyen.com/development-resources/api-credentials,
 * https://docs.adyen.com/development-resources/live-endpoints
 */
import { parseJson, type SendResult, send } from '../http'
import type { ProviderContext } from '../types'
import { ServiceError } from './wire'

export type AdyenCall =
  | { method: 'POST'; path: string; body: Record<string, unknown>; idempotencyKey: string }
  | { method: 'DELETE'; path: string; query: Record<string, string> }

export type AdyenAnswer =
  | { kind: 'ok'; status: number; json: unknown }
  /** Nothing went out: the tenant's configuration cannot make a request. */
  | { kind: 'not_configured'; reason: string }
  /** The request may have been acted on: no answer, or Adyen's own 5xx. */
  | { kind: 'unknown'; reason: string }
  | { kind: 'error'; status: number; error: ServiceError }

export async function callAdyen(ctx: ProviderContext, call: AdyenCall): Promise<AdyenAnswer> {
  const apiKey = ctx.config.apiKey
  if (!apiKey || !ctx.config.merchantAccount) {
    return { kind: 'not_configured', reason: 'apiKey and merchantAccount are required.' }
  }
  if (!/^https?:\/\//.test(ctx.baseUrl)) {
    // Live requests need the company's liveEndpointUrlPrefix to build the host.
    return { kind: 'not_configured', reason: 'liveEndpointUrlPrefix is required for production.' }
  }
  const url = new URL(`${ctx.baseUrl}${call.path}`)
  let result: SendResult
  if (call.method === 'POST') {
    result = await send(ctx.deps, url.href, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-API-Key': apiKey,
        'Idempotency-Key': call.idempotencyKey,
      },
      body: JSON.stringify(call.body),
    })
  } else {
    for (const [key, value] of Object.entries(call.query)) url.searchParams.set(key, value)
    result = await send(ctx.deps, url.href, { method: 'DELETE', headers: { 'X-API-Key': apiKey } })
  }
  return answerOf(result)
}

/** Adyen's error code for a duplicate of a request it has not finished (idempotency). */
const REQUEST_IN_PROGRESS = '704'

function answerOf(result: SendResult): AdyenAnswer {
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const json = result.text === '' ? undefined : parseJson(result.text)
  if (result.status >= 200 && result.status < 300)
    return { kind: 'ok', status: result.status, json }
  const parsed = ServiceError.safeParse(json)
  const error: ServiceError = parsed.success ? parsed.data : { status: result.status }
  // 704 "request already processed or in progress" (HTTP 409 or 422): an earlier request under
  // this Idempotency-Key is still running and may yet succeed, so this is no refusal.
  // https://docs.adyen.com/development-resources/api-idempotency (error handling)
  if (result.status === 409 || error.errorCode === REQUEST_IN_PROGRESS) {
    return { kind: 'unknown', reason: 'adyen_704_request_in_progress' }
  }
  return { kind: 'error', status: result.status, error }
}

/** A short, key-free description of an Adyen error for messages and logs. */
export function describeError(status: number, error: ServiceError): string {
  const explanation = error.message ?? error.detail ?? error.title
  return `Adyen answered ${status}${error.errorCode ? ` (${error.errorCode})` : ''}${
    explanation ? `: ${explanation}` : ''
  }`
}
