/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * GoPay responses and records every request as sent, and an in-memory token cache.
 */
import { cannedProvider, json, type Route } from '../canned-provider'

export const BASE = 'https://gw.sandbox.gopay.com/api'
export const NOTIFY = 'https://gateway.test/v1/webhooks/gopay'
export const CONFIG = { goId: '8123456789', clientId: '1061399163', clientSecret: 'stDTmVXF' }

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
  const canned = cannedProvider({
    baseUrl: BASE,
    notificationUrl: NOTIFY,
    config,
    routes: issueTokens ? [tokenRoute(), ...routes] : routes,
  })
  /** The requests other than token requests. */
  const calls = () => canned.sent.filter((r) => r.path !== '/oauth2/token')
  return { ...canned, calls }
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

export { json, memoryTokens, type SentRequest } from '../canned-provider'
