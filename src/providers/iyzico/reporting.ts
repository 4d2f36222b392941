/**
 * @module What iyzico's reporting API says about a payment's cancels and refunds:
 * `GET /v2/reporting/payment/details?paymentConversationId=…` lists each payment of the
 * conversation with `cancels[]` and `itemTransactions[].refunds[]`, each carrying the
 * `conversationId` it was requested with (https://docs.iyzico.com/en/advanced/reporting-service;
 * iyzipay-java@85a63a2 `ReportingPaymentDetail.java`, `PaymentDetail.java`, `RefundTxDetail.java`).
 * iyzico's refunds and cancels take no idempotency key, so before a refund whose answer was lost is
 * sent again, this says how much of it iyzico already made: every part of one refund carries the
 * gateway's refund id as `conversationId`, whichever endpoint made it, so the parts listed with it
 * add up to what was refunded under that id. It also says what each item transaction has left to
 * refund (`/payment/refund` refuses more). `refundStatus` 1 is read as done, like the payment
 * status SUCCESS(1) of the same API; the docs do not list its values.
 */
import type { PaymentReference, ProviderContext } from '../types'
import { callIyzico } from './client'
import { fromIyzicoPrice } from './mapping'
import { localeOf } from './requests'
import { type ReportedPayment, type ReportedRefund, ReportingAnswer } from './wire'

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

const isDone = (refund: ReportedRefund) => refund.refundStatus === DONE

/** Minor units of these refunds; undefined when one of them carries no readable amount. */
function totalOf(refunds: ReportedRefund[], currency: string): number | undefined {
  let total = 0
  for (const refund of refunds) {
    const price = refund.refundPrice
    const minor =
      price === null || price === undefined ? undefined : fromIyzicoPrice(price, currency)
    if (minor === undefined) return undefined
    total += minor
  }
  return total
}

/** How much iyzico refunded under this conversation id, all items together (minor units). */
export const refundedUnder = (payment: ReportedPayment, refundId: string, currency: string) =>
  totalOf(
    (payment.itemTransactions ?? []).flatMap((item) =>
      (item.refunds ?? []).filter((r) => isDone(r) && r.refundConversationId === refundId)
    ),
    currency
  )

/** What iyzico refunded on each item transaction, by `paymentTransactionId` (minor units). */
export function refundedPerItem(
  payment: ReportedPayment,
  currency: string
): Map<string, number> | undefined {
  const refunded = new Map<string, number>()
  for (const item of payment.itemTransactions ?? []) {
    const total = totalOf((item.refunds ?? []).filter(isDone), currency)
    if (!item.paymentTransactionId || total === undefined) return undefined
    refunded.set(item.paymentTransactionId, total)
  }
  return refunded
}

/** True when the payment was cancelled (voided). */
export const hasCancel = (payment: ReportedPayment) =>
  (payment.cancels ?? []).some((cancel) => cancel.refundStatus === DONE)
