/**
 * @module Sending a provider request: one `fetch` with a timeout. A timeout or a network failure
 * after the request may have left is an unknown outcome, never a decline: the payment becomes
 * `processing` and the gateway asks the provider later.
 */
import type { ProviderDeps } from './types'

export const PROVIDER_TIMEOUT_MS = 20_000

export type SendResult =
  | { ok: true; status: number; headers: Headers; text: string }
  | { ok: false; reason: string }

export async function send(
  deps: ProviderDeps,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string }
): Promise<SendResult> {
  try {
    const response = await deps.fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    })
    return {
      ok: true,
      status: response.status,
      headers: response.headers,
      text: await response.text(),
    }
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError'
    return { ok: false, reason: timedOut ? 'timeout' : 'network_error' }
  }
}

/** Parses a JSON answer; undefined when the body is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
