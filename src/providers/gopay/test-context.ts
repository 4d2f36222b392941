/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * GoPay responses and records every request as sent, and an in-memory token cache.
 */
import type { AccessTokenCache, ProviderContext } from '../types'

export const BASE = 'https://gw.sandbox.gopay.com/api'
export const NOTIFY = 'https://gateway.test/v1/webhooks/gopay'
export const CONFIG = { goId: '8123456789', clientId: '1061399163', clientSecret: 'stDTmVXF' }

export interface SentRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string
}

export type Answer = { status: number; body?: unknown } | 'network_error'
type Route = (request: SentRequest) => Answer | undefined

export const json = (status: number, body: unknown): Answer => ({ status, body })

export function memoryTokens(): AccessTokenCache & { held: Map<string, string> } {
  const held = new Map<string, string>()
  return {
    held,
    get: async (scope) => held.get(scope),
    put: async (scope, token) => {
      held.set(scope, token)
    },
    drop: async (scope) => {
      held.delete(scope)
    },
  }
}

/** The token endpoint as GoPay answers it; each call issues a new token. */
function tokenRoute(): Route {
  let issued = 0
  return (request) =>
    request.path === '/oauth2/token'
      ? json(200, { token_type: 'bearer', access_token: `AAA-token-${++issued}`, expires_in: 1800 })
      : undefined
}

/** `issueTokens: false` leaves the token endpoint to `routes` too. */
export function fakeGoPay(
  routes: Route[],
  config: Record<string, string> = CONFIG,
  { issueTokens = true } = {}
) {
  const sent: SentRequest[] = []
  const tokens = memoryTokens()
  const allRoutes = issueTokens ? [tokenRoute(), ...routes] : routes
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const entry: SentRequest = {
      method: request.method,
      path: request.url.slice(BASE.length),
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    }
    sent.push(entry)
    for (const route of allRoutes) {
      const answer = route(entry)
      if (answer === 'network_error') throw new TypeError('network error')
      if (answer) {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
        return new Response(answer.body === undefined ? null : text, {
          status: answer.status,
          headers: { 'Content-Type': 'application/json' },
        })
      }
    }
    return new Response('no route', { status: 599 })
  }
  const ctx: ProviderContext = {
    deps: { fetch, now: () => 1_800_000_000_000, tokens },
    config,
    environment: 'test',
    baseUrl: BASE,
    notificationUrl: NOTIFY,
  }
  /** The requests other than token requests. */
  const calls = () => sent.filter((r) => r.path !== '/oauth2/token')
  return { ctx, sent, calls, tokens }
}

/** A GoPay payment as `GET /payments/payment/{id}` answers it. */
export const goPayPayment = (overrides: Record<string, unknown> = {}) => ({
  id: 3123456789,
  order_number: 'pay_1',
  state: 'CREATED',
  amount: 10000,
  currency: 'CZK',
  payer: { contact: { email: 'jan.novak@example.com' } },
  target: { type: 'ACCOUNT', goid: 8123456789 },
  lang: 'EN',
  gw_url: 'https://gw.sandbox.gopay.com/gw/v3/bCcvmwTKK5hrJx2aGG8ZnFyBJhAvF',
  ...overrides,
})

/** GoPay's error shape (doc "Error"; Java `APIError`). */
export const goPayError = (code: number, extra: Record<string, unknown> = {}) => ({
  date_issued: '2018-05-10T11:06:52.208+0200',
  errors: [{ scope: 'G', error_code: code, ...extra }],
})
