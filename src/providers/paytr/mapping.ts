/**
 * @module How PayTR's words map to the gateway's, and the one place amounts change units.
 * Docs: https://dev.paytr.com/iframe-api/iframe-api-1-adim (kuruş `payment_amount`),
 * https://dev.paytr.com/direkt-api/direkt-api-1-adim (decimal `payment_amount`, sync_mode answers),
 * https://dev.paytr.com/direkt-api/direkt-api-2-adim (notification fields),
 * https://dev.paytr.com/durum-sorgu, https://dev.paytr.com/iade-api,
 * https://dev.paytr.com/hata-kodlari (failed_reason_code, refund and status err_no tables).
 */
import type { DeclineCode } from '../../domain/decline-codes'
import { parseMajorAmount, toMajorString } from '../../domain/money'

/** Our currency → PayTR's code. PayTR writes Turkish lira as `TL` (it also reads `TRY`). */
export const PAYTR_CURRENCY = {
  TRY: 'TL',
  EUR: 'EUR',
  USD: 'USD',
  GBP: 'GBP',
  RUB: 'RUB',
} as const satisfies Record<string, string>
export type PaytrCurrency = (typeof PAYTR_CURRENCY)[keyof typeof PAYTR_CURRENCY]

export const paytrCurrencyOf = (currency: string): PaytrCurrency | undefined =>
  Object.hasOwn(PAYTR_CURRENCY, currency)
    ? PAYTR_CURRENCY[currency as keyof typeof PAYTR_CURRENCY]
    : undefined

/** PayTR's code (as notifications and status answers write it) → ISO 4217. */
export function isoCurrencyOf(paytr: string): string | undefined {
  const code = paytr.toUpperCase()
  if (code === 'TL' || code === 'TRY') return 'TRY'
  return Object.values(PAYTR_CURRENCY).includes(code as PaytrCurrency) ? code : undefined
}

// ---- amounts: every supported currency has two decimals ----

/** iFrame `payment_amount`: the amount × 100 as an integer ("34.56 için 3456"). */
export const toKurus = (amountMinor: number): string => String(amountMinor)

/** Direct API `payment_amount` and refund `return_amount`: a decimal with a dot ("100.99"). */
export const toPaytrDecimal = (amountMinor: number, currency: string): string =>
  toMajorString(amountMinor, currency)

/** Notification `total_amount` / `payment_amount`: integer kuruş; anything else is unreadable. */
export function fromKurus(text: string): number | undefined {
  return /^\d{1,13}$/.test(text) ? Number(text) : undefined
}

/**
 * Status answer amounts (`payment_amount`, `return_amount`): decimal strings, documented with a
 * comma ("10,8") as well as a dot ("9.76"), sometimes plain numbers.
 */
export function fromPaytrDecimal(value: string | number, currency: string): number | undefined {
  const text = String(value).trim().replace(',', '.')
  if (/^0+(\.0+)?$/.test(text)) return 0
  const parsed = parseMajorAmount(text, currency)
  return 'minor' in parsed ? parsed.minor : undefined
}

// ---- references: PayTR takes only letters and digits ----

const PAYMENT_OID = /^pay([0-9A-HJKMNP-TV-Z]{26})$/
const PAYMENT_ID = /^pay_([0-9A-HJKMNP-TV-Z]{26})$/

/**
 * `merchant_oid` ("En fazla 64 karakter, Alfa numerik"): our payment id without its underscore,
 * `pay_01JF…` → `pay01JF…`. Reversible, so a notification finds its payment without PayTR's id.
 */
export function merchantOidOf(paymentId: string): string {
  const oid = paymentId.replace('_', '')
  if (!/^[A-Za-z0-9]{1,64}$/.test(oid)) throw new Error('payment id does not make a merchant_oid')
  return oid
}

/** The payment id a `merchant_oid` of ours stands for; undefined for anyone else's order number. */
export function paymentIdOf(merchantOid: string): string | undefined {
  const match = PAYMENT_OID.exec(merchantOid)
  return match ? `pay_${match[1]}` : undefined
}

export const isPaymentId = (id: string) => PAYMENT_ID.test(id)

/** Refund `reference_no` ("En fazla 64 karakter, alfa numerik"): the refund id without `_`. */
export function referenceNoOf(refundId: string): string {
  const reference = refundId.replace('_', '')
  if (!/^[A-Za-z0-9]{1,64}$/.test(reference)) throw new Error('refund id does not make a reference')
  return reference
}

/** The one refund a cancel makes, so a cancel sent twice is found rather than refunded twice. */
export const cancelReferenceOf = (merchantOid: string) => `CANCEL${merchantOid}`

// ---- payment failures ----

/** `failed_reason_code` values of notifications (doc "PayTR Hata Kodları", 2. adım table). */
export const FAILED_REASON_CODES = ['0', '1', '2', '3', '6', '8', '9', '10', '11', '99'] as const
export type FailedReasonCode = (typeof FAILED_REASON_CODES)[number]

/** `message`: code 0 carries the bank's own text ("Kartın limiti /bakiyesi yetersiz"), read below. */
export const DECLINE_OF_REASON = {
  '0': 'message',
  '1': 'authentication_failed', // identity verification (SMS step) not done
  '2': 'authentication_failed', // identity verification failed
  '3': 'fraud_suspected', // PayTR's security check refused it
  '6': 'authentication_failed', // shopper left the page or the time ran out
  '8': 'not_permitted', // no installments for this card
  '9': 'not_permitted', // the store may not take this card
  '10': 'not_permitted', // 3-D Secure required for this payment
  '11': 'fraud_suspected', // security warning
  '99': 'processing_error', // technical integration error
} as const satisfies Record<FailedReasonCode, DeclineCode | 'message'>

export const isFailedReasonCode = (code: string): code is FailedReasonCode =>
  (FAILED_REASON_CODES as readonly string[]).includes(code)

/**
 * A decline from PayTR's free text (failed_reason_code 0, sync_mode `msg`, `fail_message`): the
 * bank's words for a card over its limit or balance are the one case the gateway tells apart.
 */
export function declineOfMessage(message: string): DeclineCode {
  // Turkish İ lower-cased by hand: the runtime need not carry the `tr` locale.
  const text = message.replace(/İ/g, 'i').toLowerCase()
  if (/yeters[iı]z|insufficient/.test(text) && /bak[iı]ye|l[iı]m[iı]t|balance|fund/.test(text))
    return 'insufficient_funds'
  return 'card_declined'
}

export function declineOfReason(code: string, message: string): DeclineCode {
  if (!isFailedReasonCode(code)) return declineOfMessage(message)
  const mapped = DECLINE_OF_REASON[code]
  return mapped === 'message' ? declineOfMessage(message) : mapped
}

// ---- refund and status errors ----

/**
 * Refund `err_no` values (doc "İADE API SERVİSİ ÜZERİNDEN DÖNÜLEN HATA KODLARI", and 006, which
 * the İade API's PHP sample shows for a refund over the payment). Each says no refund was made;
 * the text is what the merchant sees.
 */
export const REFUND_ERRORS = {
  '000': 'PayTR cannot refund right now (refund service busy); try again later.',
  '001': 'PayTR refused the request: invalid request or store not active.',
  '002': 'PayTR refused the request: invalid merchant_oid.',
  '003': 'PayTR refused the request: invalid return_amount.',
  '004': 'PayTR refused the request: paytr_token missing or invalid.',
  '005': 'PayTR has no successful payment for this order.',
  '006': 'The refunds would exceed the payment amount.',
  '007': 'PayTR has the payment but has not finished notifying it yet; try again later.',
  '008': 'This payment type cannot be refunded at PayTR.',
  '009': 'The refunds would exceed the payment amount.',
  '010': 'The store balance at PayTR is too low for this refund.',
  '011': 'PayTR does not refund payments older than one year.',
  BLK: 'PayTR has blocked this payment; contact PayTR.',
} as const satisfies Record<string, string>
export type RefundErrorCode = keyof typeof REFUND_ERRORS

export const isRefundErrorCode = (code: string): code is RefundErrorCode =>
  Object.hasOwn(REFUND_ERRORS, code)

/**
 * Status query `err_no` values (doc "DURUM SORGU SERVİSİ …"). `not_paid`: PayTR knows no
 * successful payment under this order number (004, written both "islem bulunamadi" and "basarili
 * odeme bulunamadi"): not paid yet, failed, or never created; the others say nothing about it.
 */
export const STATUS_ERRORS = {
  '001': 'unreadable',
  '002': 'unreadable',
  '003': 'unreadable',
  '004': 'not_paid',
} as const satisfies Record<string, 'unreadable' | 'not_paid'>

export const statusErrorOf = (code: string) =>
  Object.hasOwn(STATUS_ERRORS, code) ? STATUS_ERRORS[code as keyof typeof STATUS_ERRORS] : undefined

/** Direct API `sync_mode` / recurring answers (doc "SYNC MODE YANITLARI"). */
export const SYNC_STATUSES = ['success', 'failed', 'wait_callback'] as const
export type SyncStatus = (typeof SYNC_STATUSES)[number]

export const SYNC_MEANING = {
  success: 'successful',
  failed: 'declined',
  wait_callback: 'notification_follows',
} as const satisfies Record<SyncStatus, string>
