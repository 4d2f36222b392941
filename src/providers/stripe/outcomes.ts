/**
 * @module What a PaymentIntent, or a Stripe error, means for the payment. Statuses follow
 * `GATEWAY_VIEW_OF_INTENT`; a card error (HTTP 402, `type: card_error`) is a decline with Stripe's
 * message passed through and its codes kept as `providerCode`.
 */
import type { PaymentOutcome } from '../types'
import type { StripeError } from './client'
import { declineCodeOf } from './declines'
import { fromStripeAmount, fromStripeCurrency, GATEWAY_VIEW_OF_INTENT } from './mapping'
import type { PaymentIntent } from './objects'

/** What `chargeRecurring` and `stopRecurring` need: the customer and the saved card. */
export interface RecurringToken {
  customer: string
  paymentMethod: string
}

export const encodeRecurringToken = (token: RecurringToken) =>
  `${token.customer}/${token.paymentMethod}`

export function decodeRecurringToken(token: string | null): RecurringToken | undefined {
  const [customer, paymentMethod, ...rest] = (token ?? '').split('/')
  if (!customer?.startsWith('cus_') || !paymentMethod?.startsWith('pm_') || rest.length)
    return undefined
  return { customer, paymentMethod }
}

const providerCodeOf = (error: StripeError) =>
  [error.code, error.decline_code].filter(Boolean).join('/') || error.type

export function declinedBy(error: StripeError, providerPaymentId?: string): PaymentOutcome {
  return {
    kind: 'declined',
    declineCode: declineCodeOf(error),
    message: error.message ?? 'The card was declined.',
    providerCode: providerCodeOf(error),
    providerPaymentId,
  }
}

const recurringTokenOf = (intent: PaymentIntent) =>
  intent.setup_future_usage === 'off_session' && intent.customer && intent.payment_method
    ? encodeRecurringToken({ customer: intent.customer, paymentMethod: intent.payment_method })
    : undefined

export function outcomeOfIntent(intent: PaymentIntent): PaymentOutcome {
  const currency = fromStripeCurrency(intent.currency)
  const amountMinor = fromStripeAmount(intent.amount, currency)
  const view = GATEWAY_VIEW_OF_INTENT[intent.status]
  switch (view) {
    case 'successful':
    case 'authorized':
      return {
        kind: 'succeeded',
        status: view,
        providerPaymentId: intent.id,
        amountMinor,
        currency,
        capturedMinor:
          view === 'successful' ? fromStripeAmount(intent.amount_received, currency) : 0,
        recurringToken: recurringTokenOf(intent),
      }
    case 'pending':
      // Confirmed server-side with a return_url, a card that needs 3-D Secure asks for a redirect
      // (`next_action.type = redirect_to_url`); any other action has no URL to send the shopper to.
      return {
        kind: 'pending',
        redirectUrl: intent.next_action?.redirect_to_url?.url ?? '',
        providerPaymentId: intent.id,
      }
    case 'declined_or_open':
      return intent.last_payment_error
        ? declinedBy(intent.last_payment_error, intent.id)
        : { kind: 'pending', redirectUrl: '', providerPaymentId: intent.id }
    case 'in_flight':
      return { kind: 'unknown', reason: 'processing at Stripe' }
    case 'cancelled':
      return { kind: 'cancelled', providerPaymentId: intent.id }
  }
}
