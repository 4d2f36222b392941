/**
 * @module Follow-up operations on an iyzico payment:
 * - capture: `POST /payment/postauth` with `paidPrice`, once per pre-authorization; the amount may
 *   be lower than authorized (some issuers refuse a changed amount)
 *   (https://docs.iyzico.com/en/payment-methods/preauth-and-capture/non-3ds/non-3ds-implementation,
 *   https://docs.iyzico.com/odeme-metotlari/on-provizyon/on-provizyon-entegrasyonu);
 * - cancel: `POST /payment/cancel`, a void, which banks allow on the day of the payment only;
 * - refund: `POST /v2/payment/refund` by payment and amount, in full or in parts until nothing is
 *   left, within 365 days (https://docs.iyzico.com/en/advanced/refund-and-cancel; iyzipay-node
 *   `lib/requests/CreateRefundV2Request.js`). The refund id is its `conversationId`, so a refund
 *   whose answer was lost is looked up in the reporting API before it is sent again.
 * iyzico takes no idempotency key: each of these checks what iyzico already did when its own
 * request is refused or must be repeated.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { callIyzico, type Failure } from './client'
import { messageOfFailure } from './declines'
import { PAYMENT_STATUS_MEANING } from './mapping'
import { signatureHolds } from './outcomes'
import { callForPayment, retrievePayment } from './payment-calls'
import { hasCancel, hasRefund, reportedPayment } from './reporting'
import { cancelBody, postAuthBody, refundBody } from './requests'
import { isCheckoutForm, isIyzicoPaymentId } from './status'
import { RefundAnswer } from './wire'

const rejected = (failure: Failure): OperationOutcome => ({
  kind: 'rejected',
  reason: messageOfFailure(failure),
  providerCode: failure.errorCode ?? undefined,
})

/** iyzico's id of the payment: stored, or read by conversation when the create answer was lost. */
async function paymentIdOf(
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

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const id = await paymentIdOf(ctx, payment)
  if (typeof id !== 'string') return id
  if (input.retry) {
    const reported = await reportedPayment(ctx, payment, id)
    if (reported.kind === 'unknown') return reported
    if (reported.kind === 'found' && hasRefund(reported.payment, input.refundId))
      return { kind: 'succeeded' }
  }
  const result = await callIyzico(ctx, {
    path: '/v2/payment/refund',
    body: refundBody(ctx, payment, id, input),
  })
  if (result.kind === 'unknown') return result
  if (result.kind === 'failure') return rejected(result.failure)
  const answer = RefundAnswer.safeParse(result.body)
  if (!answer.success) return { kind: 'unknown', reason: 'unexpected iyzico refund answer' }
  const { paymentId, price, currency, conversationId, signature } = answer.data
  const holds = await signatureHolds(
    ctx.config.secretKey ?? '',
    signature,
    [paymentId, conversationId],
    [paymentId, price, currency, conversationId]
  )
  if (!holds || paymentId !== id)
    return { kind: 'unknown', reason: 'the refund answer of iyzico does not verify' }
  return { kind: 'succeeded', providerReference: answer.data.refundHostReference ?? undefined }
}
