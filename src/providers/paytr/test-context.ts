/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * PayTR responses by path and records every request as sent.
 */
import type { ProviderContext } from '../types'

export const BASE = 'https://www.paytr.com'
export const NOTIFY = 'https://gateway.test/v1/webhooks/paytr'
/** The credentials of the vectors computed with Python's hmac (signing.test.ts): not PayTR-published. */
export const CONFIG = {
  merchantId: '123456',
  merchantKey: 'TESTKEY123',
  merchantSalt: 'TESTSALT456',
}

export interface SentRequest {
  path: string
  headers: Record<string, string>
  form: URLSearchParams
  body: string
}

export type Answer =
  | { status: number; body?: unknown; text?: string; headers?: Record<string, string> }
  | 'network_error'

export const json = (body: unknown, status = 200): Answer => ({ status, body })
export const html = (text: string): Answer => ({
  status: 200,
  text,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
})

/** Answers by path, each path's answers in turn (the last one repeats). */
export function fakePaytr(
  routes: Record<string, Answer[]>,
  environment: 'test' | 'production' = 'test'
) {
  const sent: SentRequest[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const body = await request.text()
    const path = request.url.slice(BASE.length)
    sent.push({
      path,
      headers: Object.fromEntries(request.headers),
      form: new URLSearchParams(body),
      body,
    })
    const answers = routes[path] ?? []
    const calls = sent.filter((s) => s.path === path).length
    const answer = answers[Math.min(calls, answers.length) - 1]
    if (!answer || answer === 'network_error') throw new TypeError('network error')
    if (answer.text !== undefined) {
      return new Response(answer.text, { status: answer.status, headers: answer.headers })
    }
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'Content-Type': 'application/json', ...answer.headers },
    })
  }
  const ctx: ProviderContext = {
    deps: {
      fetch,
      now: () => Date.UTC(2026, 0, 1),
      tokens: { get: async () => undefined, put: async () => {}, drop: async () => {} },
    },
    config: CONFIG,
    environment,
    baseUrl: BASE,
    notificationUrl: NOTIFY,
  }
  return { ctx, sent }
}

export const PAYMENT_ID = 'pay_01JF4M0000000000000000000A'
export const OID = 'pay01JF4M0000000000000000000A'

export const paidStatus = (returns: unknown[] = []) =>
  json({
    status: 'success',
    payment_amount: '100.00',
    payment_total: '100.00',
    currency: 'TL',
    test_mode: '1',
    returns,
  })

export const notPaid = () =>
  json({ status: 'error', err_no: '004', err_msg: 'merchant_oid ile basarili odeme bulunamadi' })
