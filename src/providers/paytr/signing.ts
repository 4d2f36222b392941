/**
 * @module PayTR's two signatures. Requests carry `paytr_token = base64(HMAC-SHA256(merchant_key,
 * hash_str + merchant_salt))`, the raw digest base64-encoded, where `hash_str` concatenates the
 * operation's fields in a fixed order without separators (PHP samples on dev.paytr.com:
 * `base64_encode(hash_hmac('sha256', $hash_str.$merchant_salt, $merchant_key, true))`; Postman
 * pre-request scripts in github.com/paytr/paytr-postman @6b9a1ab). Notifications carry
 * `hash = base64(HMAC-SHA256(merchant_key, merchant_oid + merchant_salt + status + total_amount))`
 * (dev.paytr.com/direkt-api/direkt-api-2-adim; paytr/paytr-whmcs @3b44c96 `callback/paytr.php`).
 */
import { toBase64 } from '../../crypto/encoding'
import { hmac, timingSafeEqual } from '../../crypto/hash'

export interface PaytrSecrets {
  merchantKey: string
  merchantSalt: string
}

/** The token over `hashStr`: the salt is appended, the key is the HMAC key. */
export async function paytrToken(secrets: PaytrSecrets, hashStr: string): Promise<string> {
  return toBase64(await hmac('SHA-256', secrets.merchantKey, hashStr + secrets.merchantSalt))
}

/** `POST /odeme/api/get-token` (iFrame API 1. adım). `user_basket` is the base64 string sent. */
export const iframeHashStr = (f: {
  merchant_id: string
  user_ip: string
  merchant_oid: string
  email: string
  payment_amount: string
  user_basket: string
  no_installment: string
  max_installment: string
  currency: string
  test_mode: string
}) =>
  f.merchant_id +
  f.user_ip +
  f.merchant_oid +
  f.email +
  f.payment_amount +
  f.user_basket +
  f.no_installment +
  f.max_installment +
  f.currency +
  f.test_mode

/** `POST /odeme` (Direkt API 1. adım; also stored-card and recurring payments). */
export const directHashStr = (f: {
  merchant_id: string
  user_ip: string
  merchant_oid: string
  email: string
  payment_amount: string
  payment_type: string
  installment_count: string
  currency: string
  test_mode: string
  non_3d: string
}) =>
  f.merchant_id +
  f.user_ip +
  f.merchant_oid +
  f.email +
  f.payment_amount +
  f.payment_type +
  f.installment_count +
  f.currency +
  f.test_mode +
  f.non_3d

/** `POST /odeme/iade`: the exact `return_amount` string sent ("11.97"). */
export const refundHashStr = (f: {
  merchant_id: string
  merchant_oid: string
  return_amount: string
}) => f.merchant_id + f.merchant_oid + f.return_amount

/** `POST /odeme/durum-sorgu`. */
export const statusHashStr = (f: { merchant_id: string; merchant_oid: string }) =>
  f.merchant_id + f.merchant_oid

/** `POST /odeme/capi/list` (Kayıtlı Kart Listesi): the user token alone. */
export const cardListHashStr = (f: { utoken: string }) => f.utoken

/** `POST /odeme/capi/delete` (Kayıtlı Kart Silme): card token first. */
export const cardDeleteHashStr = (f: { ctoken: string; utoken: string }) => f.ctoken + f.utoken

/** The `hash` PayTR puts in a notification; `failed_reason_*` and the rest are not covered. */
export async function notificationHash(
  secrets: PaytrSecrets,
  f: { merchant_oid: string; status: string; total_amount: string }
): Promise<string> {
  const text = f.merchant_oid + secrets.merchantSalt + f.status + f.total_amount
  return toBase64(await hmac('SHA-256', secrets.merchantKey, text))
}

export async function verifyNotificationHash(
  secrets: PaytrSecrets,
  f: { merchant_oid: string; status: string; total_amount: string; hash: string }
): Promise<boolean> {
  return timingSafeEqual(await notificationHash(secrets, f), f.hash)
}
