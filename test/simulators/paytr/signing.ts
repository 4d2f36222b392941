/**
 * @module PayTR's tokens, computed independently of the gateway: `paytr_token =
 * base64(HMAC-SHA256(merchant_key, hash_str + merchant_salt))` with each service's field order
 * (Postman pre-request scripts, github.com/paytr/paytr-postman), and the notification `hash =
 * base64(HMAC-SHA256(merchant_key, merchant_oid + merchant_salt + status + total_amount))`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import type { Merchant } from './store.ts'

const HASH_FIELDS = {
  iframe: [
    'merchant_id',
    'user_ip',
    'merchant_oid',
    'email',
    'payment_amount',
    'user_basket',
    'no_installment',
    'max_installment',
    'currency',
    'test_mode',
  ],
  direct: [
    'merchant_id',
    'user_ip',
    'merchant_oid',
    'email',
    'payment_amount',
    'payment_type',
    'installment_count',
    'currency',
    'test_mode',
    'non_3d',
  ],
  status: ['merchant_id', 'merchant_oid'],
  refund: ['merchant_id', 'merchant_oid', 'return_amount'],
} as const

export type Service = keyof typeof HASH_FIELDS

const hmacBase64 = (key: string, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest('base64')

export function expectedToken(merchant: Merchant, service: Service, form: URLSearchParams) {
  const hashStr = HASH_FIELDS[service].map((field) => form.get(field) ?? '').join('')
  return hmacBase64(merchant.key, hashStr + merchant.salt)
}

/** Byte-for-byte comparison of the token sent with the one PayTR computes. */
export function tokenHolds(merchant: Merchant, service: Service, form: URLSearchParams): boolean {
  const sent = Buffer.from(form.get('paytr_token') ?? '', 'utf8')
  const expected = Buffer.from(expectedToken(merchant, service, form), 'utf8')
  return sent.length === expected.length && timingSafeEqual(sent, expected)
}

export const notificationHash = (
  merchant: Merchant,
  oid: string,
  status: string,
  totalAmount: string
) => hmacBase64(merchant.key, oid + merchant.salt + status + totalAmount)
