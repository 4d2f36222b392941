/**
 * @module Paynkolay's wire values, converted here and nowhere else: amounts as dot decimals with
 * two places (`"6.00"`), ISO 4217 numeric currencies (`currencyNumber` 949/840/978), the dates of
 * each service in Turkey's time, and the decline codes of failed payments.
 * Docs: https://github.com/paynkolay/paynkolay-api-spec (openapi.yaml), https://paynkolay.com.tr/entegrasyon
 */
import type { DeclineCode } from '../../domain/decline-codes'
import { parseMajorAmount, toMajorString } from '../../domain/money'

/** `currencyNumber`: the spec lists exactly these three. */
export const CURRENCY_NUMBERS: Readonly<Record<string, string>> = {
  TRY: '949',
  USD: '840',
  EUR: '978',
}

/** Paynkolay's amounts always carry two decimals ("6.00", "1134.10"); the three currencies have two. */
export const toNkolayAmount = (minor: number, currency: string) => toMajorString(minor, currency)

/** "10.00" → 1000; undefined for anything that is not a positive decimal amount. */
export function fromNkolayAmount(text: string | undefined, currency: string): number | undefined {
  if (!text || !/^\d{1,12}(\.\d{1,8})?$/.test(text)) return undefined
  const parsed = parseMajorAmount(text, currency)
  return 'minor' in parsed ? parsed.minor : undefined
}

/**
 * `phone`: the 10-digit national number of a Turkish mobile (spec `PaymentRequest.phone`, example
 * `5553900000`): `+90 555 390 00 00`, `0090…`, `90…` and `0555…` all send `5553900000`. Anything
 * else (a landline, a foreign number) is not sent: the field is optional.
 */
export function turkishMobileOf(phone: string | undefined): string | undefined {
  const compact = phone?.replace(/[\s().-]/g, '') ?? ''
  return /^(?:\+90|0090|90|0)?(5\d{9})$/.exec(compact)?.[1]
}

/** Turkey keeps UTC+3 all year since 2016; Paynkolay's dates are Turkish dates. */
const TURKEY_OFFSET_MS = 3 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

const parts = (ms: number) => {
  const d = new Date(ms + TURKEY_OFFSET_MS)
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    dd: two(d.getUTCDate()),
    mm: two(d.getUTCMonth() + 1),
    yyyy: String(d.getUTCFullYear()),
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  }
}

/** `rnd`: "DD-MM-YYYY HH:mm:ss" (spec `PaymentRequest.rnd`, postman "09-10-2025 15:24:22"). */
export const rndOf = (ms: number) => {
  const p = parts(ms)
  return `${p.dd}-${p.mm}-${p.yyyy} ${p.time}`
}
/** PaymentList `startDate`/`endDate`: "DD.MM.YYYY". */
export const listDateOf = (ms: number) => {
  const p = parts(ms)
  return `${p.dd}.${p.mm}.${p.yyyy}`
}
/** CancelRefundPayment `trxDate`: "YYYY.MM.DD". */
export const cancelDateOf = (ms: number) => {
  const p = parts(ms)
  return `${p.yyyy}.${p.mm}.${p.dd}`
}
/** PreAuthorizationAprove/Cancel `trxDate`: "YYYY-MM-DD". */
export const preAuthDateOf = (ms: number) => {
  const p = parts(ms)
  return `${p.yyyy}-${p.mm}-${p.dd}`
}

export const sameTurkishDay = (a: number, b: number) => listDateOf(a) === listDateOf(b)

/** PaymentList answers at most one month: the day before the payment until today, capped. */
export function listWindowOf(createdMs: number, nowMs: number) {
  const start = Math.max(createdMs - DAY_MS, nowMs - 30 * DAY_MS)
  return { startDate: listDateOf(Math.min(start, nowMs)), endDate: listDateOf(nowMs) }
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** The gateway's ids start with their creation time (48-bit ms, base32): the sale's date. */
export function createdAtOf(paymentId: string, fallbackMs: number): number {
  const time = /^[a-z]+_([0-9A-HJKMNP-TV-Z]{10})/.exec(paymentId)?.[1]
  if (!time) return fallbackMs
  let ms = 0
  for (const c of time) ms = ms * 32 + CROCKFORD.indexOf(c)
  return ms > 0 && ms <= fallbackMs ? ms : fallbackMs
}

/** "Not empty or not 0" (paynkolay.com.tr/entegrasyon/en/06-payment-result). */
export const isAuthCode = (code: string | undefined) => !!code && code.trim() !== '' && code !== '0'

/**
 * Declines. Paynkolay publishes no error-code table; its answers carry the bank's ISO 8583 answer
 * in `ERROR_CODE` for card declines and a Turkish `RESPONSE_DATA`/`ERROR_MESSAGE`, so both are read.
 */
const ISO_8583: Readonly<Record<string, DeclineCode>> = {
  '05': 'card_declined',
  '51': 'insufficient_funds',
  '54': 'expired_card',
  '33': 'expired_card',
  '14': 'invalid_card',
  '15': 'invalid_card',
  '82': 'incorrect_cvc',
  N7: 'incorrect_cvc',
  '57': 'not_permitted',
  '58': 'not_permitted',
  '61': 'limit_exceeded',
  '65': 'limit_exceeded',
  '59': 'fraud_suspected',
  '41': 'fraud_suspected',
  '43': 'fraud_suspected',
  '91': 'processing_error',
  '96': 'processing_error',
}

const WORDS: [RegExp, DeclineCode][] = [
  [/yetersiz|bakiye|insufficient/i, 'insufficient_funds'],
  [/süresi|expired/i, 'expired_card'],
  [/cvv|cvc|güvenlik kodu/i, 'incorrect_cvc'],
  [/limit/i, 'limit_exceeded'],
  [/3d|doğrulama|authenticat/i, 'authentication_failed'],
  [/şüpheli|fraud|çalıntı|kayıp/i, 'fraud_suspected'],
  [/geçersiz kart|invalid card/i, 'invalid_card'],
]

export function declineOf(code: string | undefined, message: string | undefined): DeclineCode {
  const known = code ? ISO_8583[code.trim()] : undefined
  if (known) return known
  return WORDS.find(([pattern]) => pattern.test(message ?? ''))?.[1] ?? 'card_declined'
}
