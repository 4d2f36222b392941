/**
 * @module Follow-up operations on a PaymentIntent: capture (partial captures release the rest),
 * cancel (only an uncaptured intent: a captured one is refunded instead), refunds, and detaching
 * a saved card. Docs: https://docs.stripe.com/api/payment_intents/capture,
 * https://docs.stripe.com/api/payment_intents/cancel, https://docs.stripe.com/api/refunds/create,
 * https://docs.stripe.com/api/payment_methods/detach.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { callStripe, messageOf, type StripeAnswer } from './client'
import { intentOf } from './intents'
import { OPERATION_VIEW_OF_REFUND, toStripeAmount } from './mapping'
import { PaymentIntent, PaymentMethod, Refund, RefundList } from './objects'

export const REFUND_ID_METADATA = 'gopay_refund_id'

const rejected = (answer: Extract<StripeAnswer, { kind: 'error' }>): OperationOutcome => ({
  kind: 'rejected',
  reason: messageOf(answer),
  providerCode: answer.error.code ?? answer.error.type,
})

/** The intent's id: stored, or found by search when the create answer was lost. */
async function intentIdOf(ctx: ProviderContext, payment: PaymentReference) {
  if (payment.providerPaymentId) return payment.providerPaymentId
  const found = await intentOf(ctx, payment)
  return 'providerPaymentId' in found && found.providerPaymentId
    ? found.providerPaymentId
    : undefined
}

const intentPath = (id: string, action: string) =>
  `/v1/payment_intents/${encodeURIComponent(id)}/${action}`

/** An answer carrying the intent (also inside a `payment_intent_unexpected_state` error). */
function intentIn(answer: StripeAnswer) {
  const body =
    answer.kind === 'ok'
      ? answer.body
      : answer.kind === 'error'
        ? answer.error.payment_intent
        : undefined
  const intent = PaymentIntent.safeParse(body)
  return intent.success ? intent.data : undefined
}

export async function capture(
  ctx: ProviderContext,
  payment: PaymentReference,
  amountMinor: number
): Promise<OperationOutcome> {
  const id = await intentIdOf(ctx, payment)
  const amount = toStripeAmount(amountMinor, payment.currency)
  if (!id) return { kind: 'unknown', reason: 'payment not found at Stripe' }
  if (amount === undefined) return { kind: 'not_supported' }
  const answer = await callStripe(ctx, {
    method: 'POST',
    path: intentPath(id, 'capture'),
    params: { amount_to_capture: amount },
    idempotencyKey: `${payment.paymentId}:capture`,
  })
  if (answer.kind === 'unknown') return answer
  const intent = intentIn(answer)
  // Captured already (this capture, answered once and lost past Stripe's 24 h key window).
  if (intent?.status === 'succeeded' && intent.amount_received === amount)
    return { kind: 'succeeded', providerReference: intent.id }
  if (answer.kind === 'error') return rejected(answer)
  return { kind: 'unknown', reason: `intent is ${intent?.status ?? 'unreadable'} after capture` }
}

export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  const id = await intentIdOf(ctx, payment)
  if (!id) return { kind: 'unknown', reason: 'payment not found at Stripe' }
  const answer = await callStripe(ctx, {
    method: 'POST',
    path: intentPath(id, 'cancel'),
    idempotencyKey: `${payment.paymentId}:cancel`,
  })
  if (answer.kind === 'unknown') return answer
  const intent = intentIn(answer)
  if (intent?.status === 'canceled') return { kind: 'succeeded', providerReference: intent.id }
  if (intent?.status === 'succeeded')
    return {
      kind: 'rejected',
      reason: 'Stripe cancels only uncaptured payments; refund this one instead.',
      providerCode: answer.kind === 'error' ? (answer.error.code ?? undefined) : undefined,
    }
  if (answer.kind === 'error') return rejected(answer)
  return { kind: 'unknown', reason: `intent is ${intent?.status ?? 'unreadable'} after cancel` }
}

function outcomeOfRefund(refund: Refund): OperationOutcome {
  const view = OPERATION_VIEW_OF_REFUND[refund.status]
  return view === 'rejected'
    ? {
        kind: 'rejected',
        reason: `Stripe refund ${refund.status}: ${refund.failure_reason ?? 'no reason given'}`,
      }
    : { kind: view, providerReference: refund.id }
}

/** A refund made earlier under this refund id, looked up before sending a lost one again. */
async function earlierRefund(ctx: ProviderContext, intentId: string, refundId: string) {
  const answer = await callStripe(ctx, {
    method: 'GET',
    path: '/v1/refunds',
    params: { payment_intent: intentId, limit: 100 },
  })
  if (answer.kind !== 'ok') return undefined
  const list = RefundList.safeParse(answer.body)
  return list.success
    ? list.data.data.find((r) => r.metadata[REFUND_ID_METADATA] === refundId)
    : undefined
}

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const id = await intentIdOf(ctx, payment)
  const amount = toStripeAmount(input.amountMinor, payment.currency)
  if (!id) return { kind: 'unknown', reason: 'payment not found at Stripe' }
  if (amount === undefined) return { kind: 'not_supported' }
  // The idempotency key alone covers a retry within Stripe's 24 hours; the lookup covers later ones.
  const earlier = input.retry ? await earlierRefund(ctx, id, input.refundId) : undefined
  if (earlier) return outcomeOfRefund(earlier)
  const answer = await callStripe(ctx, {
    method: 'POST',
    path: '/v1/refunds',
    // The amount is always sent, even for "the rest": Stripe then refuses more than is left
    // (`amount_too_large`) instead of refunding whatever it holds.
    params: { payment_intent: id, amount, metadata: { [REFUND_ID_METADATA]: input.refundId } },
    idempotencyKey: `${input.refundId}:refund`,
  })
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'error') return rejected(answer)
  const parsed = Refund.safeParse(answer.body)
  return parsed.success
    ? outcomeOfRefund(parsed.data)
    : { kind: 'unknown', reason: 'unexpected_stripe_answer' }
}

/** Detaches the saved card from its customer: Stripe charges it no more. */
export async function detachPaymentMethod(
  ctx: ProviderContext,
  paymentMethod: string,
  parentPaymentId: string
): Promise<OperationOutcome> {
  const path = `/v1/payment_methods/${encodeURIComponent(paymentMethod)}`
  const answer = await callStripe(ctx, {
    method: 'POST',
    path: `${path}/detach`,
    idempotencyKey: `${parentPaymentId}:stop_recurring`,
  })
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'ok') return { kind: 'succeeded', providerReference: paymentMethod }
  // Detached already (by this stop, answered once and lost past the key's 24 h, or in the
  // Dashboard): a card attached to no customer cannot be charged off-session any more.
  const current = await callStripe(ctx, { method: 'GET', path })
  const detached =
    current.kind === 'ok' && PaymentMethod.safeParse(current.body).data?.customer === null
  return detached ? { kind: 'succeeded', providerReference: paymentMethod } : rejected(answer)
}
