/**
 * @module Follow-up operations on an iyzico payment:
 * - capture: `POST /payment/postauth` with `paidPrice`, once per pre-authorization; the amount may
 *   be lower than authorized (some issuers refuse a changed amount)
 *   (https://docs.iyzico.com/en/payment-methods/preauth-and-capture/non-3ds/non-3ds-implementation,
 *   https://docs.iyzico.com/odeme-metotlari/on-provizyon/on-provizyon-entegrasyonu);
 * - cancel: `POST /payment/cancel`, a void, which banks allow on the day of the payment only
 *   (https://docs.iyzico.com/en/advanced/refund-and-cancel).
 * Refunds: `refunds.ts`. iyzico takes no idempotency key: each of these checks what iyzico already
 * did when its own request is refused or must be repeated.
 */
import type { OperationOutcome, PaymentReference, ProviderContext } from '../types'
import { callIyzico, type Failure } from './client'
import { messageOfFailure } from './declines'
import { PAYMENT_STATUS_MEANING } from './mapping'
import { callForPayment, retrievePayment } from './payment-calls'
import { hasCancel, reportedPayment } from './reporting'
import { cancelBody, postAuthBody } from './requests'
import { isCheckoutForm, isIyzicoPaymentId } from './status'

export const rejected = (failure: Failure): OperationOutcome => ({
  kind: 'rejected',
  reason: messageOfFailure(failure),
  providerCode: failure.errorCode ?? undefined,
})

/** iyzico's id of the payment: stored, or read by conversation when the create answer was lost. */
export async function paymentIdOf(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<string | OperationOutcome> {
  if (isIyzicoPaymentId(payment.providerPaymentId)) return payment.providerPaymentId
  const current = await retrievePayment(ctx, payment)
  if (current.kind === 'unknown') return current
  if (current.kind === 'failure') return rejected(current.failure)
  return current.answer.paymentId ?? { kind: 'unknown', reason: 'iyzico sent no payment id' }
}

export async function capture(
  ctx: ProviderContext,
  payment: PaymentReference,
  amountMinor: number
): Promise<OperationOutcome> {
  const id = await paymentIdOf(ctx, payment)
  if (typeof id !== 'string') return id
  const call = await callForPayment(ctx, payment, {
    path: '/payment/postauth',
    body: postAuthBody(ctx, payment, id, amountMinor),
  })
  if (call.kind === 'answer') return { kind: 'succeeded', providerReference: id }
  if (call.kind === 'unknown') return call
  // Captured already (this capture, answered once and lost)?
  const current = await retrievePayment(ctx, payment, id)
  if (current.kind === 'answer' && current.answer.phase === 'POST_AUTH')
    return { kind: 'succeeded', providerReference: id }
  return rejected(call.failure)
}

export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  const known = isIyzicoPaymentId(payment.providerPaymentId) ? payment.providerPaymentId : undefined
  const current = await retrievePayment(ctx, payment, known)
  if (current.kind === 'unknown') return current
  // A checkout form nobody paid holds nothing; its token expires at iyzico.
  if (current.kind === 'failure')
    return isCheckoutForm(payment) ? { kind: 'succeeded' } : rejected(current.failure)
  const { answer } = current
  const meaning = answer.paymentStatus ? PAYMENT_STATUS_MEANING[answer.paymentStatus] : 'paid'
  // Never charged (3-D Secure or the form not completed, or failed): nothing to void, and the
  // gateway completes it no more.
  if (meaning !== 'paid' || !answer.paymentId)
    return { kind: 'succeeded', providerReference: answer.paymentId ?? undefined }
  const id = answer.paymentId
  const result = await callIyzico(ctx, {
    path: '/payment/cancel',
    body: cancelBody(ctx, payment, id),
  })
  if (result.kind === 'success') return { kind: 'succeeded', providerReference: id }
  if (result.kind === 'unknown') return result
  // Voided already (this cancel, answered once and lost)?
  const reported = await reportedPayment(ctx, payment, id)
  if (reported.kind === 'found' && hasCancel(reported.payment))
    return { kind: 'succeeded', providerReference: id }
  return rejected(result.failure)
}
