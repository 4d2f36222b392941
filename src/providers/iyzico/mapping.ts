/**
 * @module iyzico's enumerations and what they mean for the gateway, and the one place amounts
 * change units. Every map is exhaustive over the values iyzico documents: a value added without a
 * meaning does not compile.
 *
 * Docs: https://docs.iyzico.com/en/payment-methods/direct-charge/non-3ds/non-3ds-implementation
 * (payment and retrieve answers), https://docs.iyzico.com/en/payment-methods/direct-charge/3ds/3ds-implementation
 * (`mdStatus`), https://docs.iyzico.com/en/advanced/webhook (`status`, `iyziEventType`),
 * https://docs.iyzico.com/en/advanced/reporting-service (numeric `paymentStatus`).
 * SDK: iyzico/iyzipay-node@cb4d163 (v2.0.69) `lib/Iyzipay.js` (currencies), `lib/utils.js`
 * (`formatPrice`).
 */
import { exponentOf, toMajorString } from '../../domain/money'

/** The currencies iyzipay-node lists in `Iyzipay.CURRENCY`. */
export const IYZICO_CURRENCIES = ['TRY', 'EUR', 'USD', 'IRR', 'GBP', 'NOK', 'RUB', 'CHF'] as const

export const isIyzicoCurrency = (currency: string) =>
  (IYZICO_CURRENCIES as readonly string[]).includes(currency)

/**
 * Minor units as iyzico's decimal price string, exactly as iyzipay-node's `formatPrice` writes
 * it: trailing zeros of the fraction dropped, but one fractional digit kept (10050 TRY → "100.5",
 * 10000 → "100.0", 12 → "0.12"). Done on the decimal text, never through a float.
 */
export function toIyzicoPrice(minor: number, currency: string): string {
  const text = toMajorString(minor, currency)
  const [whole, fraction = ''] = text.split('.')
  const kept = fraction.replace(/0+$/, '')
  return `${whole}.${kept || '0'}`
}

/**
 * An amount of an iyzico answer (a JSON number such as `100.5`, or its decimal text) in minor
 * units; undefined when it is not a plain decimal of at most the currency's decimals.
 */
export function fromIyzicoPrice(value: number | string, currency: string): number | undefined {
  const text = typeof value === 'number' ? String(value) : value.trim()
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) return undefined
  const exponent = exponentOf(currency)
  const fraction = (match[2] ?? '').replace(/0+$/, '')
  if (fraction.length > exponent) return undefined
  return Number(`${match[1]}${fraction.padEnd(exponent, '0')}`)
}

/**
 * `paymentStatus` of a payment (retrieve and webhook `status`; docs "Webhook", "Reporting").
 * `waiting`: the shopper is still on the bank's or a payment page; `callback`: the bank answered
 * 3-D Secure and iyzico waits for `/payment/3dsecure/auth` (`mdStatus` says how it went).
 */
export const PAYMENT_STATUS_MEANING = {
  SUCCESS: 'paid',
  FAILURE: 'failed',
  INIT_THREEDS: 'waiting',
  CALLBACK_THREEDS: 'callback',
  BKM_POS_SELECTED: 'waiting',
  CALLBACK_PECCO: 'waiting',
  INIT_APM: 'waiting',
  INIT_BANK_TRANSFER: 'waiting',
  INIT_CREDIT: 'waiting',
  PENDING_CREDIT: 'waiting',
  INIT_CONTACTLESS: 'waiting',
} as const satisfies Record<string, 'paid' | 'failed' | 'waiting' | 'callback'>
export type PaymentStatus = keyof typeof PAYMENT_STATUS_MEANING
export const PAYMENT_STATUSES = Object.keys(PAYMENT_STATUS_MEANING) as [
  PaymentStatus,
  ...PaymentStatus[],
]

/** `phase` of a paid payment: a sale, a pre-authorization, or a captured pre-authorization. */
export const PHASE_MEANING = {
  AUTH: 'successful',
  PRE_AUTH: 'authorized',
  POST_AUTH: 'successful',
} as const satisfies Record<string, 'successful' | 'authorized'>
export type Phase = keyof typeof PHASE_MEANING
export const PHASES = Object.keys(PHASE_MEANING) as [Phase, ...Phase[]]

/**
 * `mdStatus` of the bank's 3-D Secure answer (docs "3DS Implementation"): only 1 lets the payment
 * be completed; every other value ends it as failed authentication.
 */
export const MD_STATUS_MEANING = {
  '0': '3-D Secure signature invalid or verification failed',
  '1': 'authenticated',
  '2': 'card holder or issuer not enrolled in 3-D Secure',
  '3': 'issuer not enrolled in 3-D Secure',
  '4': 'verification attempt: the card holder enrols later',
  '5': 'verification not possible',
  '6': '3-D Secure error',
  '7': 'system error',
  '8': 'unknown card number',
} as const satisfies Record<string, string>
export type MdStatus = keyof typeof MD_STATUS_MEANING

export const isMdStatus = (value: string): value is MdStatus =>
  Object.hasOwn(MD_STATUS_MEANING, value)

/** Numeric `paymentStatus` of the reporting API (docs "Reporting Service"). */
export const REPORTING_PAYMENT_STATUS = {
  0: 'FAILURE',
  1: 'SUCCESS',
  2: 'INIT_THREEDS',
  3: 'CALLBACK_THREEDS',
  4: 'BKM_POS_SELECTED',
  5: 'CALLBACK_PECCO',
  6: 'INIT_APM',
  8: 'INIT_BANK_TRANSFER',
  9: 'INIT_CONTACTLESS',
} as const satisfies Record<number, PaymentStatus>
