/**
 * @module GoPay (REST API v3) enumerations and what they mean for the gateway: payment states,
 * preauthorization states, recurrence states, operation results, refund states and error codes
 * (sub-states: `sub-states.ts`). Every map is exhaustive over the values GoPay documents, so a value added here
 * without a meaning does not compile. Amounts are integer minor units on GoPay's wire too
 * ("v haléřích/centech"), so the only conversion is a check.
 *
 * Docs: https://doc.gopay.com (section
 * "Číselníky"); SDK enums: gopaycommunity/gopay-php-api `src/Definition/**`.
 */
import type { DeclineCode } from '../../domain/decline-codes'

/** Payment `state` (doc "State"; SDK `PaymentStatus.php`). */
export const PAYMENT_STATES = [
  'CREATED',
  'PAYMENT_METHOD_CHOSEN',
  'AUTHORIZED',
  'PAID',
  'CANCELED',
  'TIMEOUTED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]

/**
 * What a state says about the money. REFUNDED and PARTIALLY_REFUNDED payments were paid first;
 * the gateway books refunds from the refund API's answers, not from the payment state.
 */
export const STATE_MEANING = {
  CREATED: 'waiting',
  PAYMENT_METHOD_CHOSEN: 'waiting',
  AUTHORIZED: 'authorized',
  PAID: 'paid',
  REFUNDED: 'paid',
  PARTIALLY_REFUNDED: 'paid',
  CANCELED: 'ended',
  TIMEOUTED: 'ended',
} as const satisfies Record<PaymentState, 'waiting' | 'authorized' | 'paid' | 'ended'>

/** `preauthorization.state` (doc "Preauthorization state"; SDK `PreAuthState.php`). */
export const PREAUTH_STATES = ['REQUESTED', 'AUTHORIZED', 'CAPTURED', 'CANCELED'] as const
export type PreauthState = (typeof PREAUTH_STATES)[number]

/**
 * Whether money was ever held. A CANCELED or TIMEOUTED payment whose authorization was held,
 * captured or released is a void (the gateway's `cancelled`); one never authorized is a decline.
 */
export const PREAUTH_HELD_MONEY = {
  REQUESTED: false,
  AUTHORIZED: true,
  CAPTURED: true,
  CANCELED: true,
} as const satisfies Record<PreauthState, boolean>

/** `recurrence.recurrence_state` (doc "Recurrence state"): only STARTED can be charged. */
export const RECURRENCE_STATES = ['REQUESTED', 'STARTED', 'STOPPED'] as const
export type RecurrenceState = (typeof RECURRENCE_STATES)[number]

export const RECURRENCE_CHARGEABLE = {
  REQUESTED: false,
  STARTED: true,
  STOPPED: false,
} as const satisfies Record<RecurrenceState, boolean>

/** `result` of refund, capture, void-authorization and void-recurrence (doc "Result"). */
export const OPERATION_RESULTS = ['ACCEPTED', 'FINISHED', 'FAILED'] as const
export type OperationResult = (typeof OPERATION_RESULTS)[number]

export const RESULT_OUTCOME = {
  ACCEPTED: 'accepted',
  FINISHED: 'succeeded',
  FAILED: 'rejected',
} as const satisfies Record<OperationResult, 'accepted' | 'succeeded' | 'rejected'>

/** A refund in `GET /payments/payment/{id}/refunds` (doc "Refund state"; Java `RefundState`). */
export const REFUND_STATES = ['SUCCESS', 'FAILED', 'REQUESTED'] as const
export type RefundState = (typeof REFUND_STATES)[number]

/** Whether a refund in the history moved (or is moving) money. */
export const REFUND_COUNTS = {
  SUCCESS: 'done',
  REQUESTED: 'in_progress',
  FAILED: 'none',
} as const satisfies Record<RefundState, 'done' | 'in_progress' | 'none'>

/** Currencies GoPay accepts (doc "Currency"). */
export const CURRENCIES = ['CZK', 'EUR', 'PLN', 'USD', 'GBP', 'HUF', 'RON', 'BGN', 'HRK'] as const

/**
 * Payment instruments a merchant may name as `paymentMethod` (doc "Payment instrument", plus
 * GOPAY, the GoPay wallet the doc's `payer.email` refers to). SUPERCASH is gone (the PHP SDK
 * deprecates it).
 */
export const PAYMENT_INSTRUMENTS = [
  'PAYMENT_CARD',
  'BANK_ACCOUNT',
  'GPAY',
  'APPLE_PAY',
  'PAYPAL',
  'MPAYMENT',
  'PRSMS',
  'PAYSAFECARD',
  'BITCOIN',
  'CLICK_TO_PAY',
  'TWISTO',
  'SKIPPAY',
  'GOPAY',
] as const
export type PaymentInstrument = (typeof PAYMENT_INSTRUMENTS)[number]

/** Gateway page languages (doc "Lang"). */
export const LANGUAGES = [
  'CS',
  'SK',
  'EN',
  'DE',
  'RU',
  'FR',
  'HU',
  'PL',
  'RO',
  'BG',
  'HR',
  'IT',
  'ES',
  'UK',
  'ET',
  'LT',
  'LV',
  'SL',
  'PT',
] as const
export type Language = (typeof LANGUAGES)[number]

/** The PHP SDK's default language, and its Accept-Language rule (`GoPay::getAcceptedLanguage`). */
export const DEFAULT_LANGUAGE: Language = 'EN'
export const acceptLanguageOf = (lang: Language) =>
  lang === 'CS' || lang === 'SK' ? 'cs-CZ' : 'en-US'

/**
 * `error_code` (doc "Error code"; 320 from the doc's field-error example). Names are GoPay's where
 * a source shows them (the doc's examples, the SDKs' integration tests); `decline` is what a
 * create or recurring charge refused with this code means for the payment.
 */
export const ERROR_CODES = {
  100: { name: 'SYSTEM_ERROR', decline: 'processing_error' },
  110: { name: undefined, decline: 'processing_error' }, // mandatory field missing
  111: { name: undefined, decline: 'processing_error' }, // wrong format
  112: { name: undefined, decline: 'processing_error' }, // already exists
  113: { name: undefined, decline: 'processing_error' }, // cannot be changed
  114: { name: undefined, decline: 'processing_error' }, // cannot be deleted
  115: { name: undefined, decline: 'processing_error' }, // ambiguous
  116: { name: undefined, decline: 'processing_error' }, // invalid request
  200: { name: undefined, decline: 'processing_error' }, // unauthorized access
  201: { name: undefined, decline: 'processing_error' }, // grant type not supported
  202: { name: undefined, decline: 'processing_error' }, // wrong credentials
  203: { name: undefined, decline: 'processing_error' }, // PIN access deactivated
  301: { name: undefined, decline: 'processing_error' }, // payment cannot be created
  302: { name: undefined, decline: 'processing_error' }, // payment cannot be executed
  303: { name: undefined, decline: 'not_permitted' }, // payment in a wrong state
  304: { name: undefined, decline: 'processing_error' }, // payment not found
  305: { name: undefined, decline: 'not_permitted' }, // e-shop deactivated
  320: { name: 'PAYEE_NOT_FOUND', decline: 'processing_error' },
  321: { name: undefined, decline: 'not_permitted' }, // payee cannot accept the payment
  330: { name: 'PAYMENT_REFUND_NOT_SUPPORTED', decline: 'not_permitted' },
  331: { name: undefined, decline: 'not_permitted' }, // payment cannot be refunded
  332: { name: undefined, decline: 'processing_error' }, // wrong amount
  333: { name: undefined, decline: 'processing_error' }, // not enough money on the account
  340: { name: undefined, decline: 'card_declined' }, // recurring charge failed
  341: { name: undefined, decline: 'not_permitted' }, // recurring charge not supported
  342: { name: 'PAYMENT_RECURRENCE_STOPPED', decline: 'not_permitted' },
  343: { name: undefined, decline: 'limit_exceeded' }, // too many recurring attempts
  344: { name: undefined, decline: 'not_permitted' }, // recurring payments not allowed
  350: { name: undefined, decline: 'processing_error' }, // capture failed
  351: { name: 'PAYMENT_CAPTURE_DONE', decline: 'processing_error' },
  352: { name: 'PAYMENT_AUTH_VOID_FAILED', decline: 'processing_error' },
  353: { name: undefined, decline: 'processing_error' }, // authorization already voided
  360: { name: undefined, decline: 'processing_error' }, // items do not add up to the amount
  386: { name: undefined, decline: 'invalid_card' }, // invalid PSD2 account token
  394: { name: undefined, decline: 'invalid_card' }, // account not found
  570: { name: undefined, decline: 'invalid_card' }, // card token not valid
  575: { name: undefined, decline: 'invalid_card' }, // wrong instrument for a card token
  577: { name: undefined, decline: 'not_permitted' }, // card token not allowed
  800: { name: undefined, decline: 'invalid_card' }, // stored card id not found
} as const satisfies Record<number, { name: string | undefined; decline: DeclineCode }>
export type ErrorCode = keyof typeof ERROR_CODES

export const isErrorCode = (code: number): code is ErrorCode => Object.hasOwn(ERROR_CODES, code)

/** An error code GoPay does not document: not a card decline, so a processing error. */
export const UNDOCUMENTED_ERROR_DECLINE: DeclineCode = 'processing_error'

/** Error codes after which the thing asked for is already so: a retried stop or void succeeded. */
export const ALREADY_DONE_CODES = {
  stopRecurring: 342,
  cancel: 353,
  capture: 351,
} as const satisfies Record<string, ErrorCode>

/** GoPay amounts are integer minor units already: checked, never scaled. */
export function toGoPayAmount(minor: number): number {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`bad amount ${minor}`)
  return minor
}
