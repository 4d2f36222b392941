/**
 * @module The simulator's objects as Stripe's API shows them (API reference object pages):
 * `object`, `livemode: false`, timestamps in unix seconds, amounts in Stripe's minor units.
 */
import { brandOf } from './cards.ts'
import type {
  Account,
  Charge,
  Customer,
  Dispute,
  Intent,
  PaymentMethod,
  Refund,
  WebhookEndpoint,
} from './store.ts'

export const paymentMethodJson = (pm: PaymentMethod) => ({
  id: pm.id,
  object: 'payment_method',
  billing_details: {
    address: {
      city: null,
      country: null,
      line1: null,
      line2: null,
      postal_code: null,
      state: null,
    },
    email: pm.billingDetails.email,
    name: pm.billingDetails.name,
    phone: null,
  },
  card: {
    brand: brandOf(pm.number),
    country: 'US',
    exp_month: pm.expMonth,
    exp_year: pm.expYear,
    funding: 'credit',
    last4: pm.number.slice(-4),
  },
  created: pm.created,
  customer: pm.customer,
  livemode: false,
  metadata: {},
  type: 'card',
})

export function intentJson(account: Account, intent: Intent) {
  const pm = intent.paymentMethod ? account.paymentMethods.get(intent.paymentMethod) : undefined
  const redirect =
    intent.status === 'requires_action' && intent.actionUrl
      ? {
          type: 'redirect_to_url',
          redirect_to_url: { url: intent.actionUrl, return_url: intent.returnUrl },
        }
      : null
  return {
    id: intent.id,
    object: 'payment_intent',
    allowed_payment_method_types: intent.allowedPaymentMethodTypes,
    amount: intent.amount,
    amount_capturable: intent.amountCapturable,
    amount_received: intent.amountReceived,
    canceled_at: intent.canceledAt,
    cancellation_reason: intent.cancellationReason,
    capture_method: intent.captureMethod,
    client_secret: intent.clientSecret,
    confirmation_method: 'automatic',
    created: intent.created,
    currency: intent.currency,
    customer: intent.customer,
    description: intent.description,
    last_payment_error: intent.lastPaymentError && {
      ...intent.lastPaymentError,
      payment_method: pm ? paymentMethodJson(pm) : null,
    },
    latest_charge: intent.latestCharge,
    livemode: false,
    metadata: intent.metadata,
    next_action: redirect,
    payment_method: intent.paymentMethod,
    payment_method_types: ['card'],
    setup_future_usage: intent.setupFutureUsage,
    status: intent.status,
  }
}

export const chargeJson = (charge: Charge) => ({
  id: charge.id,
  object: 'charge',
  amount: charge.amount,
  amount_captured: charge.amountCaptured,
  amount_refunded: charge.amountRefunded,
  captured: charge.captured,
  created: charge.created,
  currency: charge.currency,
  disputed: charge.disputed,
  failure_code: charge.failure?.code ?? null,
  failure_message: charge.failure?.message ?? null,
  livemode: false,
  metadata: {},
  outcome: charge.failure
    ? { type: 'issuer_declined', reason: charge.failure.decline_code ?? null }
    : { type: 'authorized', reason: null },
  paid: charge.status === 'succeeded',
  payment_intent: charge.paymentIntent,
  payment_method: charge.paymentMethod,
  refunded: charge.amountRefunded > 0 && charge.amountRefunded === charge.amountCaptured,
  status: charge.status,
})

export const refundJson = (refund: Refund) => ({
  id: refund.id,
  object: 'refund',
  amount: refund.amount,
  charge: refund.charge,
  created: refund.created,
  currency: refund.currency,
  metadata: refund.metadata,
  payment_intent: refund.paymentIntent,
  reason: refund.reason,
  status: refund.status,
})

export const customerJson = (customer: Customer) => ({
  id: customer.id,
  object: 'customer',
  created: customer.created,
  description: customer.description,
  email: customer.email,
  livemode: false,
  metadata: customer.metadata,
  name: customer.name,
})

export const disputeJson = (dispute: Dispute) => ({
  id: dispute.id,
  object: 'dispute',
  amount: dispute.amount,
  charge: dispute.charge,
  created: dispute.created,
  currency: dispute.currency,
  is_charge_refundable: false,
  livemode: false,
  metadata: {},
  payment_intent: dispute.paymentIntent,
  reason: 'fraudulent',
  status: 'needs_response',
})

export const endpointJson = (endpoint: WebhookEndpoint, withSecret: boolean) => ({
  id: endpoint.id,
  object: 'webhook_endpoint',
  api_version: endpoint.apiVersion,
  created: endpoint.created,
  description: endpoint.description,
  enabled_events: endpoint.enabledEvents,
  livemode: false,
  metadata: {},
  ...(withSecret ? { secret: endpoint.secret } : {}),
  status: endpoint.status,
  url: endpoint.url,
})
