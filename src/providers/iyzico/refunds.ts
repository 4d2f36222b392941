/**
 * @module Refunds, in full or in parts until nothing is left, within 365 days
 * (https://docs.iyzico.com/en/advanced/refund-and-cancel):
 * - `POST /v2/payment/refund` by payment and amount, iyzico spreading it over the basket items
 *   (iyzipay-node `lib/resources/RefundV2.js`, `lib/requests/CreateRefundV2Request.js`; in all three
 *   official SDKs and iyzico's limiter table);
 * - when iyzico does not know that path (HTTP 404 or 405: nothing was done), `POST /payment/refund`
 *   per item transaction, the only refund the docs' refund page describes (`item-refunds.ts`).
 * The refund id is the `conversationId` of every request, so the reporting API lists each part
 * of a refund under it. iyzico takes no idempotency key: a refund sent again after a lost answer
 * (`retry`) first asks the reporting API how much of it iyzico already made, and sends only the
 * rest. A refund of which only a part was made is never reported refused (the part moved) nor
 * made (the rest did not): it is unknown, and the gateway's reconciliation sends it again.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { isUnknownEndpoint, sendIyzico } from './client'
import { type RefundProgress, refundByItems, unfinished } from './item-refunds'
import { paymentIdOf, rejected } from './operations'
import { verifiedRefund } from './outcomes'
import { type Reported, refundedUnder, reportedPayment } from './reporting'
import { refundBody } from './requests'

/** How much of this refund iyzico lists as made, or why that cannot be known. */
async function madeBefore(
  ctx: ProviderContext,
  payment: PaymentReference,
  id: string,
  refundId: string
): Promise<{ made: number; reported: Reported } | { kind: 'unknown'; reason: string }> {
  const reported = await reportedPayment(ctx, payment, id)
  if (reported.kind === 'unknown') return { kind: 'unknown', reason: reported.reason }
  if (reported.kind === 'absent') return { made: 0, reported }
  const made = refundedUnder(reported.payment, refundId, payment.currency)
  return made === undefined
    ? { kind: 'unknown', reason: 'iyzico lists this refund without its amount' }
    : { made, reported }
}

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const id = await paymentIdOf(ctx, payment)
  if (typeof id !== 'string') return id
  let progress: RefundProgress = {
    refundId: input.refundId,
    amountMinor: input.amountMinor,
    made: 0,
  }
  let reported: Reported | undefined
  if (input.retry) {
    const before = await madeBefore(ctx, payment, id, input.refundId)
    if ('kind' in before) return before
    if (before.made >= input.amountMinor) return { kind: 'succeeded' }
    progress = { ...progress, made: before.made }
    reported = before.reported
  }
  const rest = { refundId: input.refundId, amountMinor: input.amountMinor - progress.made }
  const sent = await sendIyzico(ctx, {
    path: '/v2/payment/refund',
    body: refundBody(ctx, payment, id, rest),
  })
  if (isUnknownEndpoint(sent)) return refundByItems(ctx, payment, id, progress, reported)
  const { answer } = sent
  if (answer.kind === 'unknown') return { kind: 'unknown', reason: answer.reason }
  if (answer.kind === 'failure')
    return progress.made > 0 ? unfinished(progress, answer.failure) : rejected(answer.failure)
  const verified = await verifiedRefund(ctx.config.secretKey ?? '', answer.body, {
    paymentId: id,
    refundId: input.refundId,
    currency: payment.currency,
  })
  if (!verified) return { kind: 'unknown', reason: 'the refund answer of iyzico does not verify' }
  return { kind: 'succeeded', providerReference: verified.refundHostReference ?? undefined }
}
