/**
 * @module For the adapter's unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * Paynkolay responses and records every request as sent, Paynkolay's public test merchant as
 * credentials (paynkolay.com.tr/entegrasyon sample; official postman), the test-side signer of the
 * result post, and the legacy SHA-1 `hashData`, kept here only to check the postman's vectors.
 */
import { toBase64 } from '../../crypto/encoding'
import { digest } from '../../crypto/hash'
import { type Answer, cannedProvider, json, type Route } from '../canned-provider'
import type { PaymentReference } from '../types'
import { resultHash } from './signing'

export const BASE = 'https://paynkolaytest.nkolayislem.com.tr'
export const NOTIFY = 'https://gateway.test/v1/webhooks/nkolay'
const SX =
  '118591467|bScbGDYCtPf7SS1N6PQ6/+58rFhW1WpsWINqvkJFaJlu6bMH2tgPKDQtjeA5vClpzJP24uA0vx7OX53cP3SgUspa4EvYix+1C3aXe++8glUvu9Oyyj3v300p5NP7ro/9K57Zcw=='
export const CONFIG = {
  sx: SX,
  sxList: `${SX}|3hJpHVF2cqvcCZ4q6F7rcA==`,
  sxCancel: `${SX}|yDUZaCk6rsoHZJWI3d471A/+TJA7C81X`,
  secretKey: '_YckdxUbv4vrnMUZ6VQsr',
}
/** 1_800_000_000_000 ms (the canned clock) is 15.01.2027 11:00:00 in Turkey. */
export const NOW = 1_800_000_000_000
/** A payment id made at the canned clock's time, so the sale is "today". */
export const PAYMENT_ID = 'pay_01MCC5RM00ABCDEFGHJKMNPQRS'
export const REFERENCE = 'IKSIRPF1874018'

export const fakeNkolay = (routes: Route[], config: Record<string, string> = CONFIG) =>
  cannedProvider({ baseUrl: BASE, notificationUrl: NOTIFY, config, routes })

export const on =
  (path: string, answer: Answer): Route =>
  (request) =>
    request.path === path ? answer : undefined

export const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body))

export const reference = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: PAYMENT_ID,
  providerPaymentId: REFERENCE,
  amountMinor: 1000,
  currency: 'TRY',
  capturedMinor: 1000,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

/** A result post as Paynkolay sends it, signed with `secretKey` (test-side signer). */
export async function signedResult(
  overrides: Record<string, string> = {},
  secretKey = CONFIG.secretKey
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {
    RESPONSE_CODE: '2',
    RESPONSE_DATA: 'İşlem Başarılı',
    USE_3D: 'true',
    RND: '1791312160942',
    MERCHANT_NO: '400000273',
    AUTH_CODE: 'S62888',
    REFERENCE_CODE: REFERENCE,
    CLIENT_REFERENCE_CODE: PAYMENT_ID,
    AUTHORIZATION_AMOUNT: '10.00',
    CURRENCY_CODE: 'TRY',
    INSTALLMENT: '1',
    ...overrides,
  }
  return { ...fields, hashDataV2: await resultHash(fields, secretKey) }
}

export const listAnswer = (rows: Record<string, string>[]) =>
  json(200, {
    id: '',
    result: { RESPONSE_CODE: '2', RESPONSE_DATA: 'Servis dönüşü başarılı', LIST: rows },
    error: null,
  })

export const row = (type: string, status: string, amount = '10.00', ref = REFERENCE) => ({
  REFERENCE_CODE: ref,
  CLIENT_REFERENCE_CODE: PAYMENT_ID,
  TRANSACTION_TYPE: type,
  STATUS: status,
  TRANSACTION_AMOUNT: amount,
  AUTHORIZATION_AMOUNT: amount,
})

/** Legacy `hashData`: base64(SHA-1(sx+clientRefCode+amount+successUrl+failUrl+rnd+secret+customerKey)). */
export const legacyHashData = async (fields: string[]) =>
  toBase64(await digest('SHA-1', fields.join('')))

export { json }
