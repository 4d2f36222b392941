/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * Paycell responses by method name and records every request as sent. The credentials are Paycell's
 * public test application (paycell-api-php `provisionServices/testConstants.php`); the base is an
 * override, so both service families answer under it.
 */
import { type Answer, cannedProvider, json, type Route } from '../canned-provider'
import type { CreatePaymentInput, PaymentReference } from '../types'
import { referenceNumberOf } from './mapping'

export const BASE = 'https://paycell.test'
export const CONFIG = {
  applicationName: 'PAYCELLTEST',
  applicationPassword: 'PaycellTestPassword',
  secureCode: 'PAYCELL12345',
  merchantCode: '9998',
}
/** 2027-01-15 09:20 UTC: 12:20 in Istanbul. */
export const NOW = Date.UTC(2027, 0, 15, 9, 20)
export const TODAY = '20270115'

/** A `getCardTokenSecure` answer whose hashData is the computed vector of hash.test.ts. */
export const CARD_TOKEN = '49d55d0e-37ce-4dcc-a2ea-9b452461b157'
export const tokenAnswer = (hashData = 'LpptFy3vjAdtybuZwkRIYtY4qNt9Df0aNyyidwYjQL4=') =>
  json(200, {
    header: {
      transactionId: '66620240101120000000',
      responseDateTime: '20240101120000123',
      responseCode: '0',
      responseDescription: 'Success',
    },
    cardToken: CARD_TOKEN,
    hashData,
  })

export const paycellAnswer = (code = '0', extra: Record<string, unknown> = {}) =>
  json(200, {
    responseHeader: {
      transactionId: '12345678901234567890',
      responseDateTime: '20270115122000123',
      responseCode: code,
      responseDescription: code === '0' ? 'Success' : 'Error',
    },
    extraParameters: null,
    ...extra,
  })

/** Answers a method (`provision`, `getCardTokenSecure`, …) with its answers in turn, the last repeating. */
export function on(method: string, ...answers: Answer[]): Route {
  let calls = 0
  return (request) => {
    const name = request.path.replace(/\/$/, '').split('/').at(-1)
    return name === method ? answers[Math.min(calls++, answers.length - 1)] : undefined
  }
}

export function fakePaycell(routes: Route[], tokens: Record<string, string> = {}) {
  const canned = cannedProvider({ baseUrl: BASE, notificationUrl: '', config: CONFIG, routes })
  canned.ctx.deps.now = () => NOW
  for (const [scope, value] of Object.entries(tokens)) canned.tokens.held.set(scope, value)
  const bodies = (method: string) =>
    canned.sent
      .filter((r) => r.path.replace(/\/$/, '').endsWith(`/${method}`))
      .map((r) => JSON.parse(r.body) as Record<string, unknown>)
  return { ...canned, bodies }
}

export const FACTS = { msisdn: '5321234567', clientIPAddress: '85.34.78.112' }
/** A 3-D Secure session the create kept for the return (the msisdn comes from the payment). */
export const remembered = (facts: object = FACTS) => ({
  '3ds-session:pay_1': JSON.stringify(facts),
})

export const reference = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_1',
  providerPaymentId: null,
  amountMinor: 10000,
  currency: 'TRY',
  capturedMinor: 10000,
  refundedMinor: 0,
  authorizeOnly: false,
  customerPhone: '+90 532 123 45 67',
  ...overrides,
})

export const paymentReferenceNumber = () => referenceNumberOf('001', 'payment', 'pay_1')

export const inquired = (
  status: string,
  entries: {
    provisionType: string
    amount: string
    reconciliationDate?: string
    transactionId?: string
  }[]
) =>
  paycellAnswer('0', {
    orderId: '926197750916112311250814',
    status,
    provisionList: entries.map((e) => ({
      transactionId: '12345678901234567890',
      approvalCode: '478341',
      dateTime: `${e.reconciliationDate ?? TODAY}112507261`,
      reconciliationDate: TODAY,
      responseCode: '',
      responseDescription: '',
      ...e,
    })),
  })

export const paymentInput = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_1',
  amountMinor: 10000,
  currency: 'TRY',
  card: {
    holderName: 'Jan Novak',
    number: '4355084355084358',
    expiryMonth: 12,
    expiryYear: 2026,
    cvv: '000',
  },
  threeDS: false,
  capture: true,
  recurring: false,
  customer: {
    name: 'Jan',
    surname: 'Novak',
    email: 'jan@example.com',
    phoneNumber: '+905321234567',
    ipAddress: '85.34.78.112',
  },
  ...overrides,
})
