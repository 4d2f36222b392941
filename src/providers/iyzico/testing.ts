/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * iyzico answers (signed as iyzico signs them) and records every request as sent, and the official
 * iyzipay npm package (a devDependency), loaded to cross-check headers, bodies and signatures.
 */
// @ts-expect-error iyzipay ships no type declarations
import CheckoutFormRequest from 'iyzipay/lib/requests/CreateCheckoutFormInitializeRequest'
// @ts-expect-error iyzipay ships no type declarations
import PostAuthRequest from 'iyzipay/lib/requests/CreatePaymentPostAuthRequest'
// @ts-expect-error iyzipay ships no type declarations
import PaymentRequest from 'iyzipay/lib/requests/CreatePaymentRequest'
// @ts-expect-error iyzipay ships no type declarations
import RefundRequest from 'iyzipay/lib/requests/CreateRefundRequest'
// @ts-expect-error iyzipay ships no type declarations
import RefundV2Request from 'iyzipay/lib/requests/CreateRefundV2Request'
// @ts-expect-error iyzipay ships no type declarations
import ThreedsRequest from 'iyzipay/lib/requests/CreateThreedsPaymentRequest'
// @ts-expect-error iyzipay ships no type declarations
import RetrieveRequest from 'iyzipay/lib/requests/RetrievePaymentRequest'
// @ts-expect-error iyzipay ships no type declarations
import sdkUtils from 'iyzipay/lib/utils'
import type { CreatePaymentInput, PaymentReference, ProviderContext } from '../types'
import { joinedSignature, type SignedValue } from './signing'

export const BASE = 'https://sandbox-api.iyzipay.com'
export const CONFIG = {
  apiKey: 'sandbox-afXhZPW0MQlE4dCUUlHcEopnMBgXnAZI',
  secretKey: 'sandbox-wbwpzKIiplZxI3hh5ALI4FJyAcZKL6Hs',
}
export const NOW = 1_800_000_000_000

/** iyzipay-node's `lib/utils.js`, typed for the functions the tests call. */
export const sdk = sdkUtils as {
  formatPrice(price: string | number): string
  generateAuthorizationHeaderV2(
    scheme: string,
    apiKey: string,
    separator: string,
    secretKey: string,
    uri: string,
    body: unknown,
    randomString: string
  ): string
  calculateHmacSHA256Signature(params: unknown[], secretKey: string): string
}

const SDK_MODELS = {
  payment: PaymentRequest,
  checkoutForm: CheckoutFormRequest,
  postAuth: PostAuthRequest,
  refund: RefundRequest,
  refundV2: RefundV2Request,
  threedsAuth: ThreedsRequest,
  retrieve: RetrieveRequest,
} as Record<string, new (request: unknown) => { toJson(): unknown }>

/** The JSON iyzipay-node sends for these fields: its request model's field order and price format. */
export const sdkJson = (model: keyof typeof SDK_MODELS, fields: unknown) =>
  JSON.stringify(new SDK_MODELS[model]!(fields).toJson())

export interface SentRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  body: string
}

export type Answer = { status?: number; body: unknown } | 'network_error'
type Route = (request: SentRequest) => Answer | Promise<Answer> | undefined

/** A route for one path; `answer` may depend on the request's JSON body. */
export const on =
  (path: string, answer: (body: Record<string, unknown>) => Answer | Promise<Answer>): Route =>
  (request) =>
    request.path === path ? answer(request.body ? JSON.parse(request.body) : {}) : undefined

export const ok = (body: Record<string, unknown>): Answer => ({
  body: { status: 'success', locale: 'tr', systemTime: NOW, ...body },
})

export const fails = (
  errorCode: string | number,
  errorMessage: string,
  errorGroup?: string,
  status = 200
): Answer => ({
  status,
  body: { status: 'failure', errorCode, errorMessage, errorGroup, locale: 'tr', systemTime: NOW },
})

export const sign = (values: SignedValue[]) => joinedSignature(CONFIG.secretKey, values)

export function fakeIyzico(routes: Route[], config: Record<string, string> = CONFIG) {
  const sent: SentRequest[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const url = new URL(request.url)
    const entry: SentRequest = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    }
    sent.push(entry)
    for (const route of routes) {
      const answer = await route(entry)
      if (answer === 'network_error') throw new TypeError('network error')
      if (answer)
        return new Response(JSON.stringify(answer.body), {
          status: answer.status ?? 200,
          headers: { 'Content-Type': 'application/json' },
        })
    }
    return new Response('no route', { status: 599 })
  }
  const ctx: ProviderContext = {
    deps: {
      fetch,
      now: () => NOW,
      tokens: { get: async () => undefined, put: async () => {}, drop: async () => {} },
    },
    config,
    environment: 'test',
    baseUrl: BASE,
    notificationUrl: 'https://gateway.test/v1/webhooks/iyzico',
  }
  return { ctx, sent, paths: () => sent.map((r) => r.path) }
}

export const input = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
  paymentId: 'pay_01TEST',
  amountMinor: 10050,
  currency: 'TRY',
  card: {
    holderName: 'John Doe',
    number: '5528790000000008',
    expiryMonth: 3,
    expiryYear: 2030,
    cvv: '123',
  },
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: 'https://gateway.test/v1/callback/iyzico?state=st4te',
  customer: { name: 'John', surname: 'Doe', email: 'john@example.com' },
  ...overrides,
})

export const reference = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_01TEST',
  providerPaymentId: '22416032',
  amountMinor: 10050,
  currency: 'TRY',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

/** A paid payment as iyzico answers auth, 3-D Secure auth, postauth and retrieve, signed. */
export async function paidAnswer(fields: Record<string, unknown> = {}): Promise<Answer> {
  const body = {
    conversationId: 'pay_01TEST',
    price: 100.5,
    paidPrice: 100.5,
    installment: 1,
    paymentId: '22416032',
    fraudStatus: 1,
    basketId: 'pay_01TEST',
    currency: 'TRY',
    phase: 'AUTH',
    itemTransactions: [
      { itemId: 'pay_01TEST', paymentTransactionId: '24386041', price: 100.5, paidPrice: 100.5 },
    ],
    ...fields,
  }
  const signature = await sign([
    body.paymentId as string,
    body.currency,
    body.basketId,
    body.conversationId,
    body.paidPrice as number,
    body.price as number,
  ])
  return ok({ signature, ...body })
}

// Refunds made item by item (`/payment/refund`), for `item-refunds.test.ts` and `refund-retries.test.ts`.

/** What an iyzico without `/v2/payment/refund` answers: a 404 from its router. */
export const noSuchPath = (status = 404): Answer => ({
  status,
  body: {
    timestamp: '2027-01-15T08:00:00.000+00:00',
    status,
    error: 'Not Found',
    path: '/v2/payment/refund',
  },
})

/** `/payment/refund`'s answer for the item and amount asked, signed in iyzipay-java's order. */
export const itemAnswer = async (body: Record<string, unknown>) => {
  const price = Number(body.price)
  return ok({
    conversationId: body.conversationId,
    paymentId: '22416032',
    paymentTransactionId: body.paymentTransactionId,
    price,
    currency: 'TRY',
    authCode: '591030',
    hostReference: 'mock00007iyzihostrfn',
    refundHostReference: `rfn-${body.paymentTransactionId}`,
    retryable: false,
    signature: await sign(['22416032', price, 'TRY', body.conversationId as string]),
  })
}

/** A paid payment of 100.50 TRY in three items: 30, 50 and 20.50. */
export const threeItems = () =>
  paidAnswer({
    paymentStatus: 'SUCCESS',
    itemTransactions: [
      { itemId: 'A', paymentTransactionId: '24386041', price: 30, paidPrice: 30 },
      { itemId: 'B', paymentTransactionId: '24386042', price: 50, paidPrice: 50 },
      { itemId: 'C', paymentTransactionId: '24386043', price: 20.5, paidPrice: 20.5 },
    ],
  })

export type Refunds = Record<string, unknown>[]
/** The reporting API's listing of the payment, with each item's refunds. */
export const listing = (a: Refunds = [], b: Refunds = [], c: Refunds = []) =>
  ok({
    payments: [
      {
        paymentId: 22416032,
        paymentStatus: 1,
        paymentConversationId: 'pay_01TEST',
        cancels: [],
        itemTransactions: [
          { paymentTransactionId: 24386041, refunds: a },
          { paymentTransactionId: 24386042, refunds: b },
          { paymentTransactionId: 24386043, refunds: c },
        ],
      },
    ],
  })

export const made = (conversationId: string, refundPrice: number) => ({
  refundConversationId: conversationId,
  refundPrice,
  refundStatus: 1,
})

export const sentParts = (iyzico: ReturnType<typeof fakeIyzico>) =>
  iyzico.sent
    .filter((r) => r.path === '/payment/refund')
    .map((r) => JSON.parse(r.body) as Record<string, unknown>)
    .map((b) => [b.paymentTransactionId, b.price])

export const refundInput = (amountMinor: number, retry = false) => ({
  refundId: 'ref_1',
  amountMinor,
  retry,
})
