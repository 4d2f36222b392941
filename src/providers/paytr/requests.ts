/**
 * @module The forms PayTR takes, field for field, in the order of the PHP samples on
 * dev.paytr.com (iFrame API 1. adım `$post_vals`, Direkt API 1. adım form, Durum Sorgu, İade API),
 * each with the `hash_str` its `paytr_token` signs. Every value is the exact string sent and signed.
 */
import { toBase64, utf8 } from '../../crypto/encoding'
import { toMajorString } from '../../domain/money'
import type { CardDetails, CreatePaymentInput, ProviderContext } from '../types'
import type { PaytrSettings } from './client'
import { type PaytrCurrency, toKurus, toPaytrDecimal } from './mapping'
import { directHashStr, iframeHashStr, refundHashStr, statusHashStr } from './signing'

export interface SignedForm {
  fields: [string, string][]
  hashStr: string
}

/** Where PayTR sends the shopper: `merchant_ok_url` / `merchant_fail_url`. */
export interface ReturnUrls {
  ok: string
  fail: string
}

/** "En fazla 400 karakter" for both URLs (Direkt API 1. adım, iFrame API 1. adım). */
export const RETURN_URL_MAX_CHARS = 400

/** Marks the fail URL, so a return there is known as PayTR's "failed"; the status query confirms. */
export const FAIL_MARK = 'paytr_result'

/**
 * Both URLs, or undefined when the gateway's own URL is over PayTR's limit. The mark is dropped
 * when it alone would pass the limit: the return is then read like one to the OK URL, and the
 * notification tells a failure.
 */
export function returnUrlsOf(
  ctx: ProviderContext,
  returnUrl: string | undefined
): ReturnUrls | undefined {
  // A non-3-D payment never sends anyone back, but PayTR requires both URLs.
  const ok = returnUrl ?? new URL('/v1/callback/paytr', ctx.notificationUrl).toString()
  if (ok.length > RETURN_URL_MAX_CHARS) return undefined
  const marked = new URL(ok)
  marked.searchParams.set(FAIL_MARK, 'fail')
  const fail = marked.toString()
  return { ok, fail: fail.length > RETURN_URL_MAX_CHARS ? ok : fail }
}

/** The shopper's order lines, `[name, unit price "18.00", quantity]` (samples on dev.paytr.com). */
export function basketOf(input: CreatePaymentInput): [string, string, number][] {
  if (input.items?.length) {
    return input.items.map((item) => [
      item.name,
      toMajorString(item.unitPriceMinor, input.currency),
      item.quantity,
    ])
  }
  const name = input.description ?? input.orderId ?? `Order ${input.paymentId}`
  return [[name, toMajorString(input.amountMinor, input.currency), 1]]
}

/** iFrame `user_basket`: base64 of the UTF-8 JSON (Postman: `btoa(unescape(encodeURIComponent(…)))`). */
export const iframeBasket = (basket: [string, string, number][]) =>
  toBase64(utf8(JSON.stringify(basket)))

/**
 * Direct API `user_basket`: the JSON itself ("JSON tipinde"). The PHP sample passes it through
 * `htmlentities` only to put it in an HTML form's `value` attribute, which the browser decodes
 * before posting, so PayTR receives plain JSON.
 */
export const directBasket = (basket: [string, string, number][]) => JSON.stringify(basket)

const clip = (text: string, max: number) => [...text].slice(0, max).join('')

/** user_name (≤ 60), user_address (≤ 400), user_phone (≤ 20): sent as given, as the WHMCS module does. */
export function shopperFields(input: CreatePaymentInput): [string, string][] {
  const { customer } = input
  const address = [
    customer.address?.address,
    customer.address?.zipCode,
    customer.address?.city,
    customer.address?.country,
  ]
    .filter(Boolean)
    .join(' ')
  return [
    ['user_name', clip(`${customer.name} ${customer.surname}`.trim(), 60)],
    ['user_address', clip(address, 400)],
    ['user_phone', clip(customer.phoneNumber ?? '', 20)],
  ]
}

export interface OrderFields {
  merchantOid: string
  userIp: string
  currency: PaytrCurrency
}

/** `POST /odeme/api/get-token`: the hosted (iFrame) payment page, amount in kuruş. */
export function iframeTokenForm(
  settings: PaytrSettings,
  input: CreatePaymentInput,
  order: OrderFields,
  urls: ReturnUrls
): SignedForm {
  const installments = input.installmentCount ?? 0
  const f = {
    merchant_id: settings.merchantId,
    user_ip: order.userIp,
    merchant_oid: order.merchantOid,
    email: input.customer.email,
    payment_amount: toKurus(input.amountMinor),
    user_basket: iframeBasket(basketOf(input)),
    no_installment: installments === 1 ? '1' : '0',
    max_installment: installments > 1 ? String(installments) : '0',
    currency: order.currency,
    test_mode: settings.testMode,
  }
  const [userName, userAddress, userPhone] = shopperFields(input)
  return {
    hashStr: iframeHashStr(f),
    fields: [
      ['merchant_id', f.merchant_id],
      ['user_ip', f.user_ip],
      ['merchant_oid', f.merchant_oid],
      ['email', f.email],
      ['payment_amount', f.payment_amount],
      ['user_basket', f.user_basket],
      ['debug_on', settings.testMode],
      ['no_installment', f.no_installment],
      ['max_installment', f.max_installment],
      userName!,
      userAddress!,
      userPhone!,
      ['merchant_ok_url', urls.ok],
      ['merchant_fail_url', urls.fail],
      ['timeout_limit', String(TIMEOUT_LIMIT_MINUTES)],
      ['currency', f.currency],
      ['test_mode', f.test_mode],
      ['lang', 'tr'],
    ],
  }
}

/** How long PayTR keeps the payment page open; the gateway's return link lives as long. */
export const TIMEOUT_LIMIT_MINUTES = 30

/**
 * `POST /odeme`: a card payment, amount as a decimal. With 3-D Secure (`non_3d=0`) PayTR answers
 * the bank's page; without (`non_3d=1`) `sync_mode=1` makes it answer JSON (needs the store's
 * Non3D permission). Installments would need `card_type` from the BIN service: not sent.
 */
export function directForm(
  settings: PaytrSettings,
  input: CreatePaymentInput & { card: CardDetails },
  order: OrderFields,
  urls: ReturnUrls
): SignedForm {
  // Card storage ("Yeni Kart Ekleme"): `store_card=1` and no utoken makes PayTR open a new user.
  const storeCard: [string, string][] = input.recurring ? [['store_card', '1']] : []
  const { card } = input
  const non3d = input.threeDS ? '0' : '1'
  const f = {
    merchant_id: settings.merchantId,
    user_ip: order.userIp,
    merchant_oid: order.merchantOid,
    email: input.customer.email,
    payment_amount: toPaytrDecimal(input.amountMinor, input.currency),
    payment_type: 'card',
    installment_count: '0',
    currency: order.currency,
    test_mode: settings.testMode,
    non_3d: non3d,
  }
  return {
    hashStr: directHashStr(f),
    fields: [
      ['cc_owner', clip(card.holderName, 50)],
      ['card_number', card.number.replace(/\D/g, '')],
      ['expiry_month', String(card.expiryMonth)],
      ['expiry_year', String(card.expiryYear % 100).padStart(2, '0')],
      ['cvv', card.cvv],
      ['merchant_id', f.merchant_id],
      ['user_ip', f.user_ip],
      ['merchant_oid', f.merchant_oid],
      ['email', f.email],
      ['payment_type', f.payment_type],
      ['payment_amount', f.payment_amount],
      ['currency', f.currency],
      ['test_mode', f.test_mode],
      ['non_3d', f.non_3d],
      ['merchant_ok_url', urls.ok],
      ['merchant_fail_url', urls.fail],
      ...shopperFields(input),
      ['user_basket', directBasket(basketOf(input))],
      ['debug_on', settings.testMode],
      ['client_lang', 'tr'],
      ['non3d_test_failed', '0'],
      ['installment_count', f.installment_count],
      ['sync_mode', non3d],
      ...storeCard,
    ],
  }
}

/** `POST /odeme/durum-sorgu`. */
export function statusForm(settings: PaytrSettings, merchantOid: string): SignedForm {
  const f = { merchant_id: settings.merchantId, merchant_oid: merchantOid }
  return {
    hashStr: statusHashStr(f),
    fields: [
      ['merchant_id', f.merchant_id],
      ['merchant_oid', f.merchant_oid],
    ],
  }
}

/** `POST /odeme/iade`: `return_amount` a decimal, `reference_no` our refund's reference. */
export function refundForm(
  settings: PaytrSettings,
  refund: { merchantOid: string; amountMinor: number; currency: string; referenceNo: string }
): SignedForm {
  const f = {
    merchant_id: settings.merchantId,
    merchant_oid: refund.merchantOid,
    return_amount: toPaytrDecimal(refund.amountMinor, refund.currency),
  }
  return {
    hashStr: refundHashStr(f),
    fields: [
      ['merchant_id', f.merchant_id],
      ['merchant_oid', f.merchant_oid],
      ['return_amount', f.return_amount],
      ['reference_no', refund.referenceNo],
    ],
  }
}
