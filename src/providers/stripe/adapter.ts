/**
 * @module The Stripe adapter: card payments through the PaymentIntents API, confirmed server-side
 * (`confirm=true`) with the raw card in `payment_method_data`, 3-D Secure through
 * `next_action.redirect_to_url`, manual capture, cancels, refunds, off-session recurring charges
 * on a saved card, and signed webhook events. The shopper's return is never trusted: the intent is
 * retrieved and must be the stored one. Sending raw card numbers requires the Stripe account to
 * have raw card data APIs enabled (https://support.stripe.com/questions/enabling-access-to-raw-card-data-apis).
 * API reference: https://docs.stripe.com/api. Notes and sources: docs/providers/stripe.md.
 */
import type { PaymentProvider } from '../types'
import { stripeConfigSchema } from './config'
import {
  CARD_ONLY,
  chargingCall,
  createCustomer,
  intentOf,
  intentParams,
  PAYMENT_ID_METADATA,
  retrieveIntent,
} from './intents'
import { toStripeAmount, toStripeCurrency } from './mapping'
import { cancel, capture, detachPaymentMethod, refund } from './operations'
import { decodeRecurringToken, outcomeOfIntent } from './outcomes'
import { stripeWebhooks } from './webhooks'

/** Stripe serves test and live mode at one host; the key's prefix selects the mode. */
const STRIPE_API_BASE = 'https://api.stripe.com'

const NO_SAVED_CARD = {
  kind: 'declined',
  declineCode: 'not_permitted',
  message: 'This payment has no card saved at Stripe to charge again.',
} as const

export const stripeProvider: PaymentProvider = {
  id: 'stripe',
  displayName: 'Stripe',
  configSchema: stripeConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
    hosted: false,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    partialRefund: true,
    recurring: true,
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: { test: STRIPE_API_BASE, production: STRIPE_API_BASE },

  async createPayment(ctx, input) {
    const card = input.card
    const amount = toStripeAmount(input.amountMinor, input.currency)
    // Cards only: Stripe's hosted pages and wallets are not offered through this adapter.
    if (!card || (input.paymentMethod && input.paymentMethod !== 'card') || amount === undefined)
      return { kind: 'not_supported' }
    let customer: string | undefined
    if (input.recurring) {
      const created = await createCustomer(ctx, input)
      if (!('id' in created)) return created
      customer = created.id
    }
    return chargingCall(ctx, {
      method: 'POST',
      path: '/v1/payment_intents',
      params: intentParams(input, card, amount, customer),
      idempotencyKey: `${input.paymentId}:create`,
    })
  },

  async completeReturn(ctx, payment, params) {
    // Stripe appends payment_intent, payment_intent_client_secret and redirect_status; none of
    // them is believed: the stored intent is asked for, and it must be this payment's.
    const returned = params.payment_intent
    if (payment.providerPaymentId && returned && returned !== payment.providerPaymentId)
      return { kind: 'unknown', reason: 'return for another payment intent' }
    const id = payment.providerPaymentId ?? returned
    if (!id) return { kind: 'unknown', reason: 'return without a payment intent' }
    const read = await retrieveIntent(ctx, id)
    if (!('intent' in read)) return read
    if (read.intent.metadata[PAYMENT_ID_METADATA] !== payment.paymentId)
      return { kind: 'unknown', reason: 'return for an intent of another payment' }
    return outcomeOfIntent(read.intent)
  },

  getStatus: (ctx, payment) => intentOf(ctx, payment),
  cancel,
  capture,
  refund,

  async chargeRecurring(ctx, parent, charge) {
    const saved = decodeRecurringToken(parent.recurringToken)
    const amount = toStripeAmount(charge.amountMinor, charge.currency)
    if (!saved) return NO_SAVED_CARD
    if (amount === undefined) return { kind: 'not_supported' }
    // Merchant-initiated: a card that asks for authentication is declined
    // (`authentication_required`), as the shopper is not there to authenticate.
    return chargingCall(ctx, {
      method: 'POST',
      path: '/v1/payment_intents',
      params: {
        amount,
        currency: toStripeCurrency(charge.currency),
        allowed_payment_method_types: CARD_ONLY,
        capture_method: 'automatic',
        confirm: true,
        customer: saved.customer,
        description: charge.description,
        metadata: {
          [PAYMENT_ID_METADATA]: charge.paymentId,
          gopay_parent_payment_id: parent.paymentId,
          gopay_order_id: charge.orderId,
        },
        off_session: true,
        payment_method: saved.paymentMethod,
      },
      idempotencyKey: `${charge.paymentId}:create`,
    })
  },

  async stopRecurring(ctx, parent) {
    const saved = decodeRecurringToken(parent.recurringToken)
    if (!saved) return { kind: 'rejected', reason: NO_SAVED_CARD.message }
    return detachPaymentMethod(ctx, saved.paymentMethod, parent.paymentId)
  },

  webhooks: stripeWebhooks,
}
