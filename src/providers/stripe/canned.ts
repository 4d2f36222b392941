/**
 * @module Tests only: a ProviderContext whose `fetch` records each request and answers with canned
 * Stripe answers, and Stripe objects shaped as the API reference shows them.
 */
import type { ProviderContext } from '../types'

export interface SentRequest {
  method: string
  url: string
  headers: Headers
  body: string
}

export type CannedAnswer = Response | 'network_error'

export const SECRET_KEY = 'sk_test_51Canned0000secret'
export const WEBHOOK_SECRET = 'whsec_canned_signing_secret'
export const NOW_MS = 1_900_000_000_000

export function cannedStripe(...answers: CannedAnswer[]) {
  const sent: SentRequest[] = []
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    sent.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: new TextDecoder().decode(await request.arrayBuffer()),
    })
    const answer = answers.shift()
    if (!answer) throw new Error(`no canned answer for ${request.method} ${request.url}`)
    if (answer === 'network_error') throw new TypeError('network connection lost')
    return answer
  }
  const ctx: ProviderContext = {
    deps: {
      fetch: fetchFn as typeof fetch,
      now: () => NOW_MS,
      tokens: {
        get: async () => undefined,
        put: async () => {},
        drop: async () => {},
      },
    },
    config: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
    environment: 'test',
    baseUrl: 'https://api.stripe.com',
    notificationUrl: 'https://gateway.example/v1/webhooks/stripe',
  }
  return { ctx, sent }
}

export const stripeJson = (body: unknown, status = 200) => Response.json(body, { status })

export const stripeError = (status: number, error: Record<string, unknown>) =>
  Response.json({ error }, { status })

export const intent = (overrides: Record<string, unknown> = {}) => ({
  id: 'pi_3Canned',
  object: 'payment_intent',
  amount: 10000,
  amount_capturable: 0,
  amount_received: 10000,
  capture_method: 'automatic',
  client_secret: 'pi_3Canned_secret_abc',
  currency: 'eur',
  customer: null,
  last_payment_error: null,
  latest_charge: 'ch_3Canned',
  livemode: false,
  metadata: { gopay_payment_id: 'pay_canned' },
  next_action: null,
  payment_method: 'pm_1Canned',
  setup_future_usage: null,
  status: 'succeeded',
  ...overrides,
})

export const refundObject = (overrides: Record<string, unknown> = {}) => ({
  id: 're_3Canned',
  object: 'refund',
  amount: 2500,
  charge: 'ch_3Canned',
  currency: 'eur',
  metadata: { gopay_refund_id: 'ref_canned' },
  payment_intent: 'pi_3Canned',
  reason: null,
  status: 'succeeded',
  ...overrides,
})
