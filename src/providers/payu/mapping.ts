/**
 * @module PayU (GPO Europe, REST API v2.1) enumerations and what they mean for the gateway: order
 * statuses, the `status.statusCode` of answers, refund statuses and the refund error literals.
 * Every map is exhaustive over the values PayU documents, so a value added here without a meaning
 * does not compile. Amounts are integer minor units written as decimal strings ("1000" = 10.00
 * PLN); HUF too is counted in fillér (PayU: "multiply by 100"), which is its ISO 4217 exponent.
 *
 * Docs: https://developers.payu.com/europe/api (order, refund and error schemas),
 * https://developers.payu.com/europe/docs/payment-flows/lifecycle (statuses),
 * https://developers.payu.com/europe/docs/payment-flows/refunds; SDK enums:
 * PayU-EMEA/openpayu_php `lib/OpenPayU/OpenPayuOrderStatus.php`, `OpenPayuRefundStatus.php`,
 * `Util::statusDesc`.
 */
import type { DeclineCode } from '../../domain/decline-codes'

/** Order `status` (API reference "Retrieve an Order"; REJECTED is the SDK's legacy value). */
export const ORDER_STATUSES = [
  'NEW',
  'PENDING',
  'WAITING_FOR_CONFIRMATION',
  'COMPLETED',
  'CANCELED',
  'REJECTED',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

/**
 * What an order status says about the money. WAITING_FOR_CONFIRMATION is an authorization that a
 * POS without auto-receive holds for the merchant to capture or cancel; REJECTED (legacy) was a
 * rejected authorization on its way to CANCELED.
 */
export const ORDER_MEANING = {
  NEW: 'waiting',
  PENDING: 'waiting',
  WAITING_FOR_CONFIRMATION: 'authorized',
  COMPLETED: 'paid',
  CANCELED: 'cancelled',
  REJECTED: 'cancelled',
} as const satisfies Record<OrderStatus, 'waiting' | 'authorized' | 'paid' | 'cancelled'>

/**
 * `status.statusCode` of an order-create answer that created the order and sends the buyer on to
 * `redirectUri` (the PHP SDK turns WARNING_CONTINUE_REDIRECT into SUCCESS; the 3DS and CVV warnings
 * come with card tokens).
 */
export const CREATED_CODES = [
  'SUCCESS',
  'WARNING_CONTINUE_REDIRECT',
  'WARNING_CONTINUE_3DS',
  'WARNING_CONTINUE_CVV',
] as const

/**
 * `status.statusCode` of refusals (SDK `Util::statusDesc`, the API reference error schemas, and
 * ERROR_ORDER_NOT_UNIQUE for an extOrderId already used on the POS). `mayHaveCreated` says whether
 * an order may exist after a create refused with it; `decline` is what such a create means for the
 * payment.
 */
export const ERROR_CODES = {
  DATA_NOT_FOUND: { mayHaveCreated: false, decline: 'processing_error' },
  ERROR_SYNTAX: { mayHaveCreated: false, decline: 'processing_error' },
  ERROR_VALUE_INVALID: { mayHaveCreated: false, decline: 'processing_error' },
  ERROR_VALUE_MISSING: { mayHaveCreated: false, decline: 'processing_error' },
  // The extOrderId (our payment id) is taken: the order exists, made by an earlier attempt.
  ERROR_ORDER_NOT_UNIQUE: { mayHaveCreated: true, decline: 'processing_error' },
  UNAUTHORIZED: { mayHaveCreated: false, decline: 'processing_error' },
  UNAUTHORIZED_REQUEST: { mayHaveCreated: false, decline: 'processing_error' },
  // "PayU system is unavailable. Try again later." (SDK); answered with a 5xx it is unknown anyway.
  BUSINESS_ERROR: { mayHaveCreated: false, decline: 'processing_error' },
  ERROR_INTERNAL: { mayHaveCreated: true, decline: 'processing_error' },
  GENERAL_ERROR: { mayHaveCreated: true, decline: 'processing_error' },
  SERVICE_NOT_AVAILABLE: { mayHaveCreated: false, decline: 'processing_error' },
  TIMEOUT: { mayHaveCreated: true, decline: 'processing_error' },
  WARNING: { mayHaveCreated: false, decline: 'processing_error' },
} as const satisfies Record<string, { mayHaveCreated: boolean; decline: DeclineCode }>
export type ErrorCode = keyof typeof ERROR_CODES

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_CODES, code)

/** A statusCode PayU does not document: PayU refused the request itself, not the card. */
export const UNDOCUMENTED_ERROR_DECLINE: DeclineCode = 'processing_error'

/** Refund `status` (SDK `OpenPayuRefundStatus.php`; API reference "Create a Refund"). */
export const REFUND_STATUSES = ['PENDING', 'CANCELED', 'FINALIZED'] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]

export const REFUND_OUTCOME = {
  PENDING: 'accepted',
  FINALIZED: 'succeeded',
  CANCELED: 'rejected',
} as const satisfies Record<RefundStatus, 'accepted' | 'succeeded' | 'rejected'>

/**
 * `status.codeLiteral` of a refused refund (PayU REST API refund error table), with the reason
 * the gateway passes on.
 */
export const REFUND_ERRORS = {
  MISSING_REFUND_SECTION: 'The request lacks its refund section.',
  TRANS_NOT_ENDED: 'The order is not completed yet.',
  NO_BALANCE: 'The shop balance is too low for the refund.',
  AMOUNT_TO_BIG: 'The refund exceeds what is left to refund.',
  AMOUNT_TO_SMALL: 'The refund amount is too small.',
  REFUND_DISABLED: 'Refunds are disabled for this POS.',
  REFUND_TO_OFTEN: 'Too many refunds were requested for this order.',
  PAID: 'The refund was already made.',
  UNKNOWN_ERROR: 'PayU could not make the refund.',
  REFUND_IDEMPOTENCY_MISMATCH: 'This extRefundId was used with other refund data.',
  TRANS_BILLING_ENTRIES_NOT_COMPLETED: 'The shop billing of the order is not completed yet.',
  TRANS_TOO_OLD: 'The order is too old to be refunded.',
  REMAINING_TRANS_AMOUNT_TOO_SMALL: 'What would remain after this refund is too small.',
} as const satisfies Record<string, string>
export type RefundError = keyof typeof REFUND_ERRORS

export const isRefundError = (literal: string): literal is RefundError =>
  Object.hasOwn(REFUND_ERRORS, literal)

/** PayU amounts: minor units as a decimal string. */
export function toPayuAmount(minor: number): string {
  if (!Number.isSafeInteger(minor) || minor < 0) throw new RangeError(`bad amount ${minor}`)
  return String(minor)
}

/** A PayU amount string back to minor units; undefined for anything but digits. */
export function fromPayuAmount(amount: string | number): number | undefined {
  const text = String(amount)
  if (!/^\d{1,15}$/.test(text)) return undefined
  const minor = Number(text)
  return Number.isSafeInteger(minor) ? minor : undefined
}
