/**
 * @module PaymentIntent calls: create (with a Customer first for recurring payments), retrieve,
 * find by the gateway's payment id, and what their answers mean. Docs:
 * https://docs.stripe.com/api/payment_intents/create,
 * https://docs.stripe.com/api/payment_intents/search, https://docs.stripe.com/search#metadata.
 */
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
} from '../types'
import { callStripe, messageOf, type StripeAnswer, type StripeRequest } from './client'
import type { FormObject } from './form'
import { toStripeCurrency } from './mapping'
import { Customer, PaymentIntent, SearchResult } from './objects'
import { declinedBy, outcomeOfIntent } from './outcomes'

/** The metadata key that ties a PaymentIntent to the gateway's payment. */
export const PAYMENT_ID_METADATA = 'gopay_payment_id'

/**
 * `allowed_payment_method_types`: cards only. Without it the intent uses automatic payment
 * methods, and Stripe demands a return_url for every confirmation, even of a card that needs no
 * redirect. The older `payment_method_types` is refused from API version 2026-09-30.endive on
 * (400 `payment_method_types_no_longer_supported`, docs.stripe.com/changelog/endive/2026-09-30).
 */
export const CARD_ONLY = ['card']

const intentPath = (id: string) => `/v1/payment_intents/${encodeURIComponent(id)}`

const parsedIntent = (answer: Extract<StripeAnswer, { kind: 'ok' }>): PaymentOutcome => {
  const intent = PaymentIntent.safeParse(answer.body)
  return intent.success
    ? outcomeOfIntent(intent.data)
    : { kind: 'unknown', reason: 'unexpected_stripe_answer' }
}

/**
 * A request that creates or confirms a charge: any error answer means Stripe did not take the
 * money (a card error is a decline; a refused request fails the payment with Stripe's reason).
 */
export async function chargingCall(
  ctx: ProviderContext,
  request: StripeRequest
): Promise<PaymentOutcome> {
  const answer = await callStripe(ctx, request)
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'ok') return parsedIntent(answer)
  const intent = PaymentIntent.safeParse(answer.error.payment_intent)
  return declinedBy(
    { ...answer.error, message: messageOf(answer) },
    intent.success ? intent.data.id : undefined
  )
}

/** A request that only reads: an error answer says nothing about the payment. */
async function readingCall(ctx: ProviderContext, path: string, params?: FormObject) {
  const answer = await callStripe(ctx, { method: 'GET', path, params })
  if (answer.kind === 'error')
    return {
      kind: 'unknown' as const,
      reason: `stripe_${answer.status}_${answer.error.code ?? answer.error.type}`,
    }
  return answer
}

/** The intent itself, or why it could not be read. */
export async function retrieveIntent(
  ctx: ProviderContext,
  id: string
): Promise<{ intent: PaymentIntent } | Extract<PaymentOutcome, { kind: 'unknown' }>> {
  const answer = await readingCall(ctx, intentPath(id))
  if (answer.kind !== 'ok') return answer
  const intent = PaymentIntent.safeParse(answer.body)
  return intent.success
    ? { intent: intent.data }
    : { kind: 'unknown', reason: 'unexpected_stripe_answer' }
}

/** Search query values are quoted; a quote or backslash inside is escaped (Search query language). */
const quoted = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`

/**
 * The intent created for `paymentId`, found by its metadata when the create answer was lost.
 * Search is eventually consistent: an intent can take up to a minute (longer during incidents) to
 * be found, so "not found" is an unknown outcome, asked again later.
 */
export async function findIntent(ctx: ProviderContext, paymentId: string): Promise<PaymentOutcome> {
  const answer = await readingCall(ctx, '/v1/payment_intents/search', {
    query: `metadata[${quoted(PAYMENT_ID_METADATA)}]:${quoted(paymentId)}`,
  })
  if (answer.kind !== 'ok') return answer
  const found = SearchResult.safeParse(answer.body)
  if (!found.success) return { kind: 'unknown', reason: 'unexpected_stripe_answer' }
  const intent = found.data.data.find((i) => i.metadata[PAYMENT_ID_METADATA] === paymentId)
  return intent ? outcomeOfIntent(intent) : { kind: 'unknown', reason: 'not_found_at_stripe_yet' }
}

/** The stored intent, or the one search finds for the payment. */
export async function intentOf(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  if (!payment.providerPaymentId) return findIntent(ctx, payment.paymentId)
  const read = await retrieveIntent(ctx, payment.providerPaymentId)
  return 'intent' in read ? outcomeOfIntent(read.intent) : read
}

/** The Customer a recurring payment's card is saved to (docs.stripe.com/api/customers/create). */
export async function createCustomer(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<{ id: string } | PaymentOutcome> {
  const answer = await callStripe(ctx, {
    method: 'POST',
    path: '/v1/customers',
    params: {
      email: input.customer.email,
      name: `${input.customer.name} ${input.customer.surname}`,
      metadata: { [PAYMENT_ID_METADATA]: input.paymentId },
    },
    idempotencyKey: `${input.paymentId}:customer`,
  })
  const customer = answer.kind === 'ok' ? Customer.safeParse(answer.body) : undefined
  if (customer?.success) return { id: customer.data.id }
  // No intent exists yet, so no money moved: the payment fails and may be made again.
  return {
    kind: 'declined',
    declineCode: 'processing_error',
    message: `Stripe did not create the customer to save the card for (${
      answer.kind === 'error'
        ? messageOf(answer)
        : answer.kind === 'unknown'
          ? answer.reason
          : 'unexpected answer'
    }).`,
    providerCode: answer.kind === 'error' ? (answer.error.code ?? answer.error.type) : undefined,
  }
}

/** The create parameters, in the order Stripe's API reference lists them. */
export function intentParams(
  input: CreatePaymentInput,
  card: NonNullable<CreatePaymentInput['card']>,
  amount: number,
  customer: string | undefined
): FormObject {
  return {
    amount,
    currency: toStripeCurrency(input.currency),
    allowed_payment_method_types: CARD_ONLY,
    capture_method: input.capture ? 'automatic' : 'manual',
    confirm: true,
    customer,
    description: input.description,
    // Without a return URL nobody can take the shopper through 3-D Secure: Stripe then fails the
    // attempt (a decline) instead of leaving the intent waiting for an action.
    error_on_requires_action: input.returnUrl ? undefined : true,
    metadata: {
      [PAYMENT_ID_METADATA]: input.paymentId,
      gopay_order_id: input.orderId,
    },
    payment_method_data: {
      type: 'card',
      card: {
        number: card.number,
        exp_month: card.expiryMonth,
        exp_year: card.expiryYear,
        cvc: card.cvv,
      },
      billing_details: { name: card.holderName, email: input.customer.email },
    },
    payment_method_options: input.threeDS ? { card: { request_three_d_secure: 'any' } } : undefined,
    return_url: input.returnUrl,
    setup_future_usage: customer ? 'off_session' : undefined,
  }
}
