/**
 * @module How Stripe's answers map to the gateway's, and the one place amounts change units.
 * Docs: https://docs.stripe.com/api/payment_intents/object#payment_intent_object-status,
 * https://docs.stripe.com/api/refunds/object#refund_object-status,
 * https://docs.stripe.com/currencies#zero-decimal, https://docs.stripe.com/api/versioning.
 */
import { exponentOf } from '../../domain/money'

/**
 * The API version every request pins with `Stripe-Version`: the one the `stripe` npm package
 * installed here (23.2.0) pins in `src/apiVersion.ts`. Answers and webhook objects are read in
 * its shapes; the webhook endpoint at Stripe should use the same version.
 */
export const STRIPE_API_VERSION = '2026-11-18.endive'

/** PaymentIntent `status` values (stripe-node `PaymentIntent.Status`). */
export const INTENT_STATUSES = [
  'requires_payment_method',
  'requires_confirmation',
  'requires_action',
  'processing',
  'requires_capture',
  'succeeded',
  'canceled',
] as const
export type IntentStatus = (typeof INTENT_STATUSES)[number]

/**
 * What each status means here. `declined_or_open`: failed when the intent carries a
 * `last_payment_error`, otherwise still waiting for a payment method. `in_flight`: Stripe is
 * processing it, the final status follows.
 */
export const GATEWAY_VIEW_OF_INTENT = {
  requires_payment_method: 'declined_or_open',
  requires_confirmation: 'pending',
  requires_action: 'pending',
  processing: 'in_flight',
  requires_capture: 'authorized',
  succeeded: 'successful',
  canceled: 'cancelled',
} as const satisfies Record<IntentStatus, string>

/** Refund `status` values (API reference, Refund object). */
export const REFUND_STATUSES = [
  'pending',
  'requires_action',
  'succeeded',
  'failed',
  'canceled',
] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]

/** `accepted`: Stripe took the refund and settles it later (a `refund.updated` event follows). */
export const OPERATION_VIEW_OF_REFUND = {
  pending: 'accepted',
  requires_action: 'accepted',
  succeeded: 'succeeded',
  failed: 'rejected',
  canceled: 'rejected',
} as const satisfies Record<RefundStatus, 'accepted' | 'succeeded' | 'rejected'>

/** Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal). */
const ZERO_DECIMAL = new Set(
  'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' ')
)
/** ISK is zero-decimal in ISO 4217, but Stripe keeps it two-decimal with `00` (currencies#special-cases). */
const TWO_DECIMAL_AT_STRIPE = new Set(['ISK'])
/** Three-decimal currencies: Stripe takes the ISO minor units, last digit 0 (currencies#three-decimal). */
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND'])

const stripeExponentOf = (currency: string) =>
  ZERO_DECIMAL.has(currency)
    ? 0
    : TWO_DECIMAL_AT_STRIPE.has(currency)
      ? 2
      : THREE_DECIMAL.has(currency)
        ? 3
        : 2

/**
 * Gateway minor units (ISO 4217 exponent) to Stripe's integer `amount`; undefined when Stripe
 * cannot charge that exact amount (MGA cents, a three-decimal amount not ending in 0).
 */
export function toStripeAmount(minor: number, currency: string): number | undefined {
  const shift = stripeExponentOf(currency) - exponentOf(currency)
  if (THREE_DECIMAL.has(currency) && minor % 10 !== 0) return undefined
  if (shift >= 0) return minor * 10 ** shift
  const divisor = 10 ** -shift
  return minor % divisor === 0 ? minor / divisor : undefined
}

/** Stripe's `amount` back to gateway minor units. */
export function fromStripeAmount(amount: number, currency: string): number {
  const shift = exponentOf(currency) - stripeExponentOf(currency)
  return shift >= 0 ? amount * 10 ** shift : Math.round(amount / 10 ** -shift)
}

/** Stripe writes currencies in lower case; the gateway in ISO upper case. */
export const toStripeCurrency = (currency: string) => currency.toLowerCase()
export const fromStripeCurrency = (currency: string) => currency.toUpperCase()
