/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * PayU responses and records every request as sent, an in-memory token cache, and PayU's shapes
 * (the public sandbox POS of the API reference as credentials).
 */

import type { DigestAlgorithm } from '../../crypto/hash'
import { type Answer, cannedProvider, json, type Route } from '../canned-provider'
import type { PaymentReference } from '../types'
import { TOKEN_PATH } from './client'
import { documentSignature } from './signature'

export const BASE = 'https://secure.snd.payu.com'
export const NOTIFY = 'https://gateway.test/v1/webhooks/payu'
export const CONFIG = {
  posId: '300746',
  clientSecret: '2ee86a66e5d97e3fadc400c9f19b065d',
  secondKey: 'b6ca15b0d1020e8094d9b5f8d163db54',
}
export const ORDER_ID = 'WZHF5FFDRJ140731GUEST000P01'

/** The OAuth endpoint as PayU answers it; each call issues a new token. */
function tokenRoute(): Route {
  let issued = 0
  return (request) =>
    request.path === TOKEN_PATH
      ? json(200, {
          access_token: `3e5cac39-7e38-4139-8fd6-30adc06a61b${++issued}`,
          token_type: 'bearer',
          expires_in: 43199,
          grant_type: 'client_credentials',
        })
      : undefined
}

/** `issueTokens: false` leaves the OAuth endpoint to `routes` too. */
export function fakePayu(
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
  const calls = () => canned.sent.filter((r) => r.path !== TOKEN_PATH)
  return { ...canned, calls }
}

export const reference = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_1',
  providerPaymentId: ORDER_ID,
  amountMinor: 10000,
  currency: 'PLN',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

/** A PayU order as `GET /api/v2_1/orders/{orderId}` shows it. */
export const payuOrder = (overrides: Record<string, unknown> = {}) => ({
  orderId: ORDER_ID,
  extOrderId: 'pay_1',
  orderCreateDate: '2026-01-03T14:58:17.443+01:00',
  notifyUrl: NOTIFY,
  customerIp: '127.0.0.1',
  merchantPosId: CONFIG.posId,
  description: 'Order pay_1',
  currencyCode: 'PLN',
  totalAmount: '10000',
  status: 'NEW',
  products: [{ name: 'Order pay_1', unitPrice: '10000', quantity: '1' }],
  ...overrides,
})

export const retrieved = (overrides: Record<string, unknown> = {}) =>
  json(200, {
    orders: [payuOrder(overrides)],
    status: { statusCode: 'SUCCESS', statusDesc: 'Request processing successful' },
  })

/** PayU's error shape (API reference error schemas). */
export const payuError = (
  status: number,
  statusCode: string,
  extra: Record<string, unknown> = {}
): Answer => json(status, { status: { statusCode, severity: 'ERROR', ...extra } })

export const updated = () =>
  json(200, { status: { statusCode: 'SUCCESS', statusDesc: 'Status was updated' } })

/** Test-side signer: the `OpenPayu-Signature` PayU sends with a notification. */
export async function payuSignatureHeader(
  body: string,
  secondKey: string,
  algorithm: DigestAlgorithm = 'MD5',
  name: string = algorithm
) {
  const signature = await documentSignature(algorithm, body, secondKey)
  return `sender=checkout;signature=${signature};algorithm=${name};content=DOCUMENT`
}

export { json, memoryTokens, type SentRequest } from '../canned-provider'
