/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * Papara responses and records every request as sent, Papara's answer shapes, and the test-side
 * counterpart of the notification check: an IPN body as Papara posts it, carrying a merchant
 * secret key. The payment and key are those of php-sample `json/result.json` (Papara's own sample).
 */
import { type Answer, cannedProvider, json, type Route } from '../canned-provider'
import type { CreatePaymentInput, PaymentReference } from '../types'

export const BASE = 'https://merchant-api.test.papara.com'
export const NOTIFY = 'https://gateway.test/v1/webhooks/papara'
export const RETURN_URL = 'https://gateway.test/v1/callback/papara?state=abc'

/** The test merchant secret key published in papara-php-sample `json/result.json`. */
export const SAMPLE_SECRET_KEY =
  '0MkOLqXP0qxzse19AHF1NRPM6LP23lO1QfTGSpW7y/CBanDbRS7LqDMVHMuzMM6J45H6eqhndNJTuUN5oZQdxQ=='
export const CONFIG = { apiKey: 'test-api-key', merchantSecretKey: SAMPLE_SECRET_KEY }
export const PAPARA_ID = '1ac9f5bb-5112-4f2a-a03e-fdd81d4b5609'
export const PAYMENT_URL = `https://test-master.papara.com/checkout/${PAPARA_ID}`

export const fakePapara = (routes: Route[], config: Record<string, string> = CONFIG) =>
  cannedProvider({ baseUrl: BASE, notificationUrl: NOTIFY, config, routes })

export const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_34',
  amountMinor: 1835,
  currency: 'TRY',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: RETURN_URL,
  description: 'Ürün açıklaması',
  customer: { name: 'Ayşe', surname: 'Yılmaz', email: 'ayse@example.com' },
  ...overrides,
})

export const reference = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_34',
  providerPaymentId: PAPARA_ID,
  amountMinor: 1835,
  currency: 'TRY',
  capturedMinor: 1835,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

/** A payment as Papara shows it (the shape of php-sample `json/result.json`). */
export const paparaPayment = (overrides: Record<string, unknown> = {}) => ({
  merchant: { legalName: 'çaybank', brandName: 'çaybank', allowedPaymentTypes: [] },
  userId: '6d335894-ad39-46d7-a0e0-8b184f30443b',
  paymentMethod: 0,
  paymentMethodDescription: 'Papara Hesap Bakiyesi',
  referenceId: 'pay_34',
  orderDescription: 'Ürün açıklaması',
  status: 1,
  statusDescription: 'Tamamlandı',
  amount: 18.35,
  currency: 0,
  notificationUrl: NOTIFY,
  notificationDone: false,
  redirectUrl: RETURN_URL,
  paymentUrl: PAYMENT_URL,
  merchantSecretKey: SAMPLE_SECRET_KEY,
  returningRedirectUrl: '',
  id: PAPARA_ID,
  createdAt: '2017-08-27T21:06:19.36',
  ...overrides,
})

/** `{succeeded: true, data}`. */
export const succeeded = (data: unknown, status = 200): Answer =>
  json(status, { succeeded: true, data })

/** `{succeeded: false, error: {message, code}}`. */
export const failed = (code: number, message = 'Papara error', status = 200): Answer =>
  json(status, { succeeded: false, error: { message, code } })

/** Test-side counterpart of the verifier: the IPN body Papara posts, with this secret key in it. */
export const ipnBody = (secretKey: string, overrides: Record<string, unknown> = {}) =>
  JSON.stringify(paparaPayment({ merchantSecretKey: secretKey, ...overrides }))

export const notification = (body: string, method: 'GET' | 'POST' = 'POST') => ({
  method,
  rawBody: body,
  headers: new Headers({ 'Content-Type': 'application/json' }),
  query: new URLSearchParams(),
})

export { json, type SentRequest } from '../canned-provider'
