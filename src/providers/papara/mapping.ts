/**
 * @module Papara merchant API enumerations and what they mean for the gateway: the integer currency
 * enum, payment statuses and the documented error codes, plus the one place where amounts cross
 * between minor units and Papara's major-unit JSON numbers.
 * Docs: https://github.com/paparateam/merchantApiClient-node (README "Enums", "Payments",
 * "Possible Errors and Error Codes"; `src/entities/payment.ts`, `src/options/paymentCreateOptions.ts`)
 * and https://github.com/paparateam/merchantApiClient-php (README, same sections).
 */
import type { DeclineCode } from '../../domain/decline-codes'
import { isCurrency, parseMajorAmount, toMajorNumber } from '../../domain/money'

/**
 * `currency` on the wire: 0 TRY, 1 USD, 2 EUR, 3 GBP. The node SDK's `src/entities/payment.ts` and
 * `PaymentCreateOptions` say only "values 0–3"; GBP is named for 3 in its `massPayment.ts`,
 * `recurringMassPayment.ts` and the README's mass-payment tables.
 */
export const CURRENCY_CODES = { TRY: 0, USD: 1, EUR: 2, GBP: 3 } as const
export type PaparaCurrency = keyof typeof CURRENCY_CODES

/**
 * `PaymentCreateOptions.currency` is optional, and every official create example (node SDK test,
 * woocommerce plugin, php-sample `view_cart.php`) leaves it out for TRY: the default is not sent.
 */
export const DEFAULT_CURRENCY: PaparaCurrency = 'TRY'

export const isPaparaCurrency = (code: string): code is PaparaCurrency =>
  Object.hasOwn(CURRENCY_CODES, code)

/** ISO code of a wire currency: the enum number, its digits as text, or (README's IPN sample) "TRY". */
export function currencyOf(wire: number | string): string | undefined {
  const text = String(wire).trim()
  if (isPaparaCurrency(text)) return text
  return (Object.keys(CURRENCY_CODES) as PaparaCurrency[]).find(
    (code) => String(CURRENCY_CODES[code]) === text
  )
}

/** Payment `status` (README "PaymentStatus"). */
export const PAYMENT_STATUSES = [0, 1, 2] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

/** 0 Pending "payment is not done yet", 1 Completed, 2 Refunded "by merchant". */
export const STATUS_MEANING = {
  0: 'pending',
  1: 'completed',
  2: 'refunded',
} as const satisfies Record<PaymentStatus, 'pending' | 'completed' | 'refunded'>

export const isPaymentStatus = (value: number): value is PaymentStatus =>
  (PAYMENT_STATUSES as readonly number[]).includes(value)

/** SDK `PaymentCreateOptions.amount`: "minimum 1.00 and maximum 500000.00". */
export const MIN_AMOUNT_MAJOR = 1
export const MAX_AMOUNT_MAJOR = 500_000

/**
 * `error.code` values the SDK READMEs document, with what they mean for a payment. 997-999 are the
 * checkout API's own; the others are documented for mass payment, cash deposit and banking and are
 * mapped so that a code Papara reuses still reads sensibly. `mayHaveActed`: the request may have
 * been carried out all the same (a system error), so the outcome is unknown, not a refusal.
 */
export const ERROR_CODES = {
  100: { message: 'User not found.', decline: 'not_permitted', mayHaveActed: false },
  101: {
    message: 'Merchant information could not be found.',
    decline: 'processing_error',
    mayHaveActed: false,
  },
  105: { message: 'Insufficient funds.', decline: 'insufficient_funds', mayHaveActed: false },
  107: {
    message: 'The user exceeds the balance limit.',
    decline: 'limit_exceeded',
    mayHaveActed: false,
  },
  111: {
    message: 'The user exceeds the monthly transaction limit.',
    decline: 'limit_exceeded',
    mayHaveActed: false,
  },
  112: {
    message: 'The amount is below the minimum limit.',
    decline: 'not_permitted',
    mayHaveActed: false,
  },
  115: {
    message: 'The amount is below the minimum limit.',
    decline: 'not_permitted',
    mayHaveActed: false,
  },
  120: { message: 'Bank account not found.', decline: 'processing_error', mayHaveActed: false },
  133: {
    message: 'The reference was used recently.',
    decline: 'processing_error',
    mayHaveActed: false,
  },
  203: { message: 'The user account is blocked.', decline: 'not_permitted', mayHaveActed: false },
  247: {
    message: "The merchant's account is not active.",
    decline: 'not_permitted',
    mayHaveActed: false,
  },
  398: {
    message: 'The receiving account is not verified for foreign currency.',
    decline: 'not_permitted',
    mayHaveActed: false,
  },
  997: {
    message: 'The merchant is not authorized to accept payments.',
    decline: 'not_permitted',
    mayHaveActed: false,
  },
  998: {
    message: 'The parameters are not in the expected format.',
    decline: 'processing_error',
    mayHaveActed: false,
  },
  999: {
    message: 'An error occurred in the Papara system.',
    decline: 'processing_error',
    mayHaveActed: true,
  },
} as const satisfies Record<
  number,
  { message: string; decline: DeclineCode; mayHaveActed: boolean }
>
export type ErrorCode = keyof typeof ERROR_CODES

export const isErrorCode = (code: number): code is ErrorCode => Object.hasOwn(ERROR_CODES, code)

/** An error code Papara does not document: Papara refused the request, not the shopper. */
export const UNDOCUMENTED_ERROR_DECLINE: DeclineCode = 'processing_error'

/** Minor units as Papara's JSON number in major units: 10050 TRY → 100.5 (written `100.5`). */
export function toPaparaAmount(minor: number, currency: string): number {
  return toMajorNumber(minor, currency)
}

/** Whether Papara takes this amount at all (1.00 to 500000.00). */
export function withinPaparaLimits(minor: number, currency: string): boolean {
  const major = toPaparaAmount(minor, currency)
  return major >= MIN_AMOUNT_MAJOR && major <= MAX_AMOUNT_MAJOR
}

/** A Papara amount (JSON number, or its text) back to minor units; undefined when unreadable. */
export function fromPaparaAmount(amount: number | string, currency: string): number | undefined {
  if (!isCurrency(currency)) return undefined
  const parsed = parseMajorAmount(amount, currency)
  return 'minor' in parsed ? parsed.minor : undefined
}

/**
 * The create answer's `paymentUrl` as a URL the shopper's browser can open: the node README's
 * sample answer writes it without a scheme (`"www.papara.com/pid?…"`), so one without a scheme
 * gets `https://`; one with a scheme keeps it.
 */
export const absolutePaymentUrl = (raw: string): string => {
  const url = raw.trim()
  return /^[a-z][a-z\d+.-]*:/i.test(url) ? url : `https://${url.replace(/^\/\//, '')}`
}
