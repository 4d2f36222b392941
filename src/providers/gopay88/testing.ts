/**
 * @module Test support (imported by `*.test.ts` only): a GoPay88 platform that signs its answers
 * and notifications the way cmpay does (`json_encode` of the charge, x-ca headers), and a
 * provider context whose `fetch` records every request and answers with a scripted response.
 */
import { fromBase64, toBase64 } from '../../crypto/encoding'
import { importRsaPrivateKey, importRsaPublicKey, rsaSign, rsaVerify } from '../../crypto/rsa'
import type { CreatePaymentInput, ProviderContext } from '../types'
import {
  TEST_PLATFORM_PRIVATE_KEY_PKCS1,
  TEST_PLATFORM_PUBLIC_KEY,
} from './fixtures/test-platform-key'
import {
  VECTOR_MERCHANT_PRIVATE_KEY_PKCS1,
  VECTOR_MERCHANT_PUBLIC_KEY_SPKI,
} from './fixtures/vector'
import { answerStringToSign, asciiJson, requestStringToSign, signedBase64 } from './signing'

/** PHP `json_encode` with default flags: ASCII only and `/` escaped as `\/`. */
export const phpJson = (value: unknown) => asciiJson(value).replace(/\//g, '\\/')

export const TEST_NOW_MS = 1_767_225_600_000

export const TEST_CONFIG = {
  mchId: '100001',
  apiKey: '772ae1d32322f49508307b2f31a0107f',
  merchantPrivateKey: VECTOR_MERCHANT_PRIVATE_KEY_PKCS1,
  platformPublicKey: TEST_PLATFORM_PUBLIC_KEY,
}

/** The x-ca headers the platform puts on an answer or notification carrying `chargeJson`. */
export async function platformHeaders(
  chargeJson: string,
  nonce = 'ABCDEF0123456789ABCDEF0123456789'
) {
  const timestamp = String(TEST_NOW_MS)
  const key = await importRsaPrivateKey(TEST_PLATFORM_PRIVATE_KEY_PKCS1, 'SHA-1')
  const signature = await rsaSign(
    key,
    signedBase64(answerStringToSign(nonce, timestamp, chargeJson))
  )
  return {
    'x-ca-noncestr': nonce,
    'x-ca-timestamp': timestamp,
    'x-ca-signature': toBase64(signature),
  }
}

/** A signed `{result_code, result_msg, charge}` answer, as cmpay's BuildResponse sends it. */
export async function signedAnswer(charge: unknown, resultMsg = 'SUCCESS') {
  const chargeJson = phpJson(charge)
  const body = `{"result_code":"OK","result_msg":"${resultMsg}","charge":${chargeJson}}`
  // ThinkPHP's Response::create answers as HTML; the adapter must not care.
  return new Response(body, {
    headers: { 'content-type': 'text/html; charset=utf-8', ...(await platformHeaders(chargeJson)) },
  })
}

/** An answer with `body` exactly as given, signed over `signedCharge` (a text of its charge). */
export async function answerWithBody(body: string, signedCharge: string) {
  return new Response(body, { headers: await platformHeaders(signedCharge) })
}

export const errorAnswer = (status: number, code: number, message: string) =>
  Response.json({ error_msg: message, error_code: code }, { status })

export interface SentRequest {
  url: string
  headers: Headers
  body: string
}

/** A context whose fetch records requests and answers with `answer(request, index)`. */
export function contextWith(
  answer: (request: SentRequest, index: number) => Response | Promise<Response>,
  overrides: { config?: Record<string, string>; baseUrl?: string } = {}
) {
  const sent: SentRequest[] = []
  const fetcher = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const record = { url: request.url, headers: request.headers, body: await request.text() }
    sent.push(record)
    return answer(record, sent.length - 1)
  }) as typeof fetch
  const ctx: ProviderContext = {
    deps: {
      fetch: fetcher,
      now: () => TEST_NOW_MS,
      tokens: { get: async () => undefined, put: async () => {}, drop: async () => {} },
    },
    config: { ...TEST_CONFIG, ...overrides.config },
    environment: 'test',
    baseUrl: overrides.baseUrl ?? 'https://pay.gopay88.io',
    notificationUrl: 'https://gateway.example/v1/webhooks/gopay88',
  }
  return { ctx, sent }
}

// Inputs and answers the adapter tests share.

export const input: CreatePaymentInput = {
  paymentId: 'pay_01JTEST',
  amountMinor: 10000,
  currency: 'CNY',
  threeDS: false,
  capture: true,
  recurring: false,
  returnUrl: 'https://gateway.example/v1/callback/gopay88?state=abc',
  customer: { name: 'Li', surname: 'Wei', email: 'Li.Wei@example.com', ipAddress: '203.0.113.9' },
  description: '会员充值',
}

export const createdCharge = (over: Record<string, unknown> = {}) => ({
  channel: 'gopay_bankupi',
  out_trade_no: input.paymentId,
  client_ip: '203.0.113.9',
  amount: '100.00',
  currency: 'CNY',
  subject: '会员充值',
  body: '会员充值',
  extparam: { userid: 'u' },
  credential: { mweb_url: 'https://pay.gopay88.io/cashier/abc' },
  ...over,
})

export const queried = (status: unknown, over: Record<string, unknown> = {}) => ({
  trade_no: 'C2020040701181440794',
  out_trade_no: input.paymentId,
  subject: 'x',
  body: 'x',
  extparam: '[]',
  amount: '100.000',
  channel: 'gopay_bankupi',
  currency: 'CNY',
  client_ip: '127.0.0.1',
  status,
  ...over,
})

export const payment = {
  paymentId: input.paymentId,
  providerPaymentId: 'gopay_bankupi:pay_01JTEST',
  amountMinor: 10000,
  currency: 'CNY',
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: false,
}

/** True when the merchant key's signature holds over the headers and bytes that were sent. */
export async function signatureHolds(sent: SentRequest) {
  const key = await importRsaPublicKey(VECTOR_MERCHANT_PUBLIC_KEY_SPKI, 'SHA-1')
  const text = requestStringToSign({
    restUrl: sent.headers.get('x-ca-resturl')!,
    nonce: sent.headers.get('x-ca-noncestr')!,
    timestamp: sent.headers.get('x-ca-timestamp')!,
    body: sent.body,
  })
  return rsaVerify(key, fromBase64(sent.headers.get('x-ca-signature')!), signedBase64(text))
}
