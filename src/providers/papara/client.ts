/**
 * @module Calls to the Papara merchant API. Every request carries `ApiKey: <key>` with
 * `Accept` and `Content-Type: application/json`; there is no request signing (node SDK
 * `src/client/httpClient.ts`, PHP SDK `src/Client/PaparaServiceClient.php`). GET and PUT put their
 * options in the query string and send no body; POST sends the JSON options (node SDK
 * `src/client/paparaRequest.ts`). Papara answers `{succeeded, data, error: {message, code}}`.
 */
import { parseJson, type SendResult, send } from '../http'
import type { ProviderContext } from '../types'
import { PaparaResult } from './wire'

export const PAYMENTS_PATH = '/payments'
export const BY_REFERENCE_PATH = '/payments/reference'

export interface PaparaRequest {
  method: 'GET' | 'POST' | 'PUT'
  path: string
  query?: Record<string, string>
  /** The JSON text to send (POST only). */
  json?: string
}

/** What Papara said: its data, its refusal, or nothing readable (then `result` tells why). */
export type PaparaAnswer =
  | { kind: 'data'; data: unknown }
  | { kind: 'error'; status: number; code?: number; message: string }
  | { kind: 'unknown'; reason: string }

export const urlOf = (ctx: ProviderContext, request: PaparaRequest) => {
  const query = request.query ? `?${new URLSearchParams(request.query)}` : ''
  return `${ctx.baseUrl}${request.path}${query}`
}

export function callPapara(ctx: ProviderContext, request: PaparaRequest): Promise<SendResult> {
  return send(ctx.deps, urlOf(ctx, request), {
    method: request.method,
    headers: {
      ApiKey: ctx.config.apiKey ?? '',
      Accept: 'application/json',
      'Content-Type': 'application/json',
    },
    body: request.json,
  })
}

/** Reads Papara's wrapper; a 5xx or an unreadable 2xx is unknown (the request may have acted). */
export function readAnswer(result: SendResult): PaparaAnswer {
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  const wrapper = PaparaResult.safeParse(parseJson(result.text))
  if (wrapper.success && wrapper.data.succeeded) return { kind: 'data', data: wrapper.data.data }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  if (wrapper.success) {
    const error = wrapper.data.error
    return {
      kind: 'error',
      status: result.status,
      code: error?.code,
      message: error?.message ?? `Papara refused the request (HTTP ${result.status}).`,
    }
  }
  if (result.status < 300) return { kind: 'unknown', reason: 'unreadable_answer' }
  return {
    kind: 'error',
    status: result.status,
    message: `Papara refused the request (HTTP ${result.status}).`,
  }
}

export async function askPapara(ctx: ProviderContext, request: PaparaRequest) {
  return readAnswer(await callPapara(ctx, request))
}
