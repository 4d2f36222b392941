/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * OzanPay responses and records every request as sent, and OzanPay's answer shapes as the
 * integrations in docs/providers/ozanpay.md read them.
 */
import { cannedProvider, json, type Route } from '../canned-provider'
import type { CreatePaymentInput, PaymentReference } from '../types'

export const BASE = 'https://checkout-api-sandbox.ozan.com'
export const NOTIFY = 'https://gateway.test/v1/webhooks/ozanpay'
export const CONFIG = { apiKey: '2e57272630d33a4406a7b327616315fc' }
export const TRANSACTION_ID = '83296-1548420500-1381'
export const RETURN_URL = 'https://gateway.test/v1/callback/ozanpay?state=s1'

export const fakeOzan = (routes: Route[]) =>
  cannedProvider({ baseUrl: BASE, notificationUrl: NOTIFY, config: CONFIG, routes })

export const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_1',
  amountMinor: 10050,
  currency: 'TRY',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: RETURN_URL,
  customer: { name: 'Ayşe', surname: 'Yılmaz', email: 'ayse@example.com' },
  ...overrides,
})

export const reference = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_1',
  providerPaymentId: TRANSACTION_ID,
  amountMinor: 10050,
  currency: 'TRY',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

/** The initializePayment answer of the ClearSettle integration: code 283, PENDING, purchaseUrl. */
export const initialized = (purchaseUrl = 'https://checkout-sandbox.ozan.com/pay/abc') =>
  json(200, {
    code: '283',
    status: 'PENDING',
    message: 'Waiting for payment',
    purchaseUrl,
    transactionId: TRANSACTION_ID,
  })

/** A status answer with the fields the hosted flow reads, plus `referenceNo` and a `code`. */
export const statusAnswer = (status: string, extra: Record<string, unknown> = {}) =>
  json(200, { code: '0', status, transactionId: TRANSACTION_ID, referenceNo: 'pay_1', ...extra })

export { json, type Route }
