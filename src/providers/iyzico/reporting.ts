/**
 * @module What iyzico's reporting API says about a payment's cancels and refunds:
 * `GET /v2/reporting/payment/details?paymentConversationId=…` lists each payment of the
 * conversation with `cancels[]` and `itemTransactions[].refunds[]`, each carrying the
 * `conversationId` it was requested with (https://docs.iyzico.com/en/advanced/reporting-service;
 * iyzipay-java@85a63a2 `ReportingPaymentDetail.java`, `PaymentDetail.java`, `RefundTxDetail.java`).
 * iyzico's refunds and cancels take no idempotency key, so before a refund whose answer was lost is
 * sent again, this says whether iyzico already made it. `refundStatus` 1 is read as done, like the
 * payment status SUCCESS(1) of the same API; the docs do not list its values.
 */
import type { PaymentReference, ProviderContext } from '../types'
import { callIyzico } from './client'
import { localeOf } from './requests'
import { type ReportedPayment, ReportingAnswer } from './wire'

const DONE = 1

export type Reported =
  | { kind: 'found'; payment: ReportedPayment }
  | { kind: 'absent' }
  | { kind: 'unknown'; reason: string }

export async function reportedPayment(
  ctx: ProviderContext,
  payment: PaymentReference,
  iyzicoPaymentId: string
): Promise<Reported> {
  const answer = await callIyzico(ctx, {
    method: 'GET',
    path: '/v2/reporting/payment/details',
    query: {
      locale: localeOf(ctx),
      conversationId: payment.paymentId,
      paymentConversationId: payment.paymentId,
    },
  })
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'failure') return { kind: 'unknown', reason: 'reporting refused the query' }
  const parsed = ReportingAnswer.safeParse(answer.body)
  if (!parsed.success) return { kind: 'unknown', reason: 'unexpected iyzico reporting answer' }
  const found = parsed.data.payments.find((p) => p.paymentId === iyzicoPaymentId)
  return found ? { kind: 'found', payment: found } : { kind: 'absent' }
}

/** True when iyzico made the refund requested with this conversation id. */
export const hasRefund = (payment: ReportedPayment, refundId: string) =>
  (payment.itemTransactions ?? []).some((item) =>
    (item.refunds ?? []).some(
      (refund) => refund.refundConversationId === refundId && refund.refundStatus === DONE
    )
  )

/** True when the payment was cancelled (voided). */
export const hasCancel = (payment: ReportedPayment) =>
  (payment.cancels ?? []).some((cancel) => cancel.refundStatus === DONE)
