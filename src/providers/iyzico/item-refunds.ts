/**
 * @module A refund made through `POST /payment/refund`, which takes back from ONE item
 * transaction (`paymentTransactionId`) at most what that item has left
 * (https://docs.iyzico.com/en/advanced/refund-and-cancel: "less than or equal to the original
 * transaction amount (itemTransaction.paidPrice) and the remaining refundable amount"; body as
 * iyzipay-node `lib/requests/CreateRefundRequest.js`). Used when iyzico does not know
 * `/v2/payment/refund`.
 * - The items come from `/payment/detail` (`itemTransactions[]`: `paymentTransactionId`, `price`,
 *   `paidPrice`; iyzipay-java `PaymentItem.java` has no refunded amount), what each has left from
 *   the reporting API (`itemTransactions[].refunds[]`, `reporting.ts`). Without a listing the
 *   gateway's booked refunds are taken from the items in order, as this module takes them.
 * - The amount is split over the items in basket order, each giving at most what it has left, and
 *   sent one item at a time, each part with the refund id as `conversationId`.
 * - The refund is made only when every part is. A part refused or unanswered after others were
 *   made is `unknown`: the money of the made parts moved, so the refund is neither refused (its
 *   amount freed) nor booked; reconciliation sends it again with `retry`, and the reporting API's
 *   parts under the refund id say what is left to send. Refused before anything moved: `rejected`.
 */
import type { OperationOutcome, PaymentReference, ProviderContext } from '../types'
import { callIyzico, type Failure } from './client'
import { messageOfFailure } from './declines'
import { fromIyzicoPrice } from './mapping'
import { rejected } from './operations'
import { verifiedRefund } from './outcomes'
import { retrievePayment } from './payment-calls'
import { type Reported, refundedPerItem, reportedPayment } from './reporting'
import { itemRefundBody } from './requests'
import type { PaymentAnswer } from './wire'

export interface RefundProgress {
  refundId: string
  amountMinor: number
  /** What iyzico already refunded under this refund id, in earlier attempts. */
  made: number
}

export interface ItemLeft {
  paymentTransactionId: string
  leftMinor: number
}

export interface RefundPart {
  paymentTransactionId: string
  amountMinor: number
}

/** Only part of the refund was made: unknown, so reconciliation sends the rest. */
export const unfinished = (
  progress: RefundProgress,
  why: Failure | string,
  made = progress.made
): OperationOutcome => ({
  kind: 'unknown',
  reason:
    `iyzico refunded ${made} of ${progress.amountMinor} minor units under ${progress.refundId}; ` +
    `the rest was not made: ${typeof why === 'string' ? why : messageOfFailure(why)}`,
})

/** The amount over the items in order, none giving more than it has left; undefined if too little is left. */
export function splitOverItems(items: ItemLeft[], amountMinor: number): RefundPart[] | undefined {
  const parts: RefundPart[] = []
  let left = amountMinor
  for (const item of items) {
    const share = Math.min(left, item.leftMinor)
    if (share > 0)
      parts.push({ paymentTransactionId: item.paymentTransactionId, amountMinor: share })
    left -= share
  }
  return left === 0 ? parts : undefined
}

type DetailItem = NonNullable<PaymentAnswer['itemTransactions']>[number]

/**
 * What each item can give back in all: at most its `paidPrice` (iyzico's rule) and its `price` (what
 * the gateway charged for it; installment fees make `paidPrice` larger, a smaller capture smaller).
 */
function itemAmounts(items: DetailItem[], currency: string): ItemLeft[] | undefined {
  const amounts: ItemLeft[] = []
  for (const item of items) {
    const values = [item.paidPrice, item.price]
      .filter((value) => value !== null && value !== undefined)
      .map((value) => fromIyzicoPrice(value, currency))
    if (values.length === 0 || values.some((value) => value === undefined)) return undefined
    amounts.push({
      paymentTransactionId: item.paymentTransactionId,
      leftMinor: Math.min(...(values as number[])),
    })
  }
  return amounts
}

/** Less what iyzico lists as refunded per item, or, unlisted, the booked refunds taken in order. */
function itemsLeft(
  amounts: ItemLeft[],
  refunded: Map<string, number> | undefined,
  bookedMinor: number
): ItemLeft[] {
  let booked = bookedMinor
  return amounts.map((item) => {
    const taken = refunded
      ? (refunded.get(item.paymentTransactionId) ?? 0)
      : Math.min(booked, item.leftMinor)
    if (!refunded) booked -= taken
    return { ...item, leftMinor: Math.max(0, item.leftMinor - taken) }
  })
}

async function sendParts(
  ctx: ProviderContext,
  payment: PaymentReference,
  id: string,
  progress: RefundProgress,
  parts: RefundPart[]
): Promise<OperationOutcome> {
  let made = progress.made
  const references: string[] = []
  for (const part of parts) {
    const answer = await callIyzico(ctx, {
      path: '/payment/refund',
      body: itemRefundBody(ctx, payment, progress.refundId, part),
    })
    if (answer.kind === 'failure' && made === 0) return rejected(answer.failure)
    if (answer.kind === 'failure') return unfinished(progress, answer.failure, made)
    if (answer.kind === 'unknown') return { kind: 'unknown', reason: answer.reason }
    const verified = await verifiedRefund(ctx.config.secretKey ?? '', answer.body, {
      paymentId: id,
      refundId: progress.refundId,
      currency: payment.currency,
      item: part,
    })
    if (!verified) return { kind: 'unknown', reason: 'the refund answer of iyzico does not verify' }
    made += part.amountMinor
    if (verified.refundHostReference) references.push(verified.refundHostReference)
  }
  return { kind: 'succeeded', providerReference: references.join(',') || undefined }
}

/** Refunds what is left of the refund (`amountMinor - made`) item by item. */
export async function refundByItems(
  ctx: ProviderContext,
  payment: PaymentReference,
  id: string,
  progress: RefundProgress,
  reported?: Reported
): Promise<OperationOutcome> {
  const refuse = (why: Failure | string): OperationOutcome =>
    progress.made > 0
      ? unfinished(progress, why)
      : typeof why === 'string'
        ? { kind: 'rejected', reason: why }
        : rejected(why)
  const detail = await retrievePayment(ctx, payment, id)
  if (detail.kind === 'unknown') return { kind: 'unknown', reason: detail.reason }
  if (detail.kind === 'failure') return refuse(detail.failure)
  const amounts = itemAmounts(detail.answer.itemTransactions ?? [], payment.currency)
  if (!amounts) return { kind: 'unknown', reason: 'iyzico sent an item transaction without price' }
  const listing = reported ?? (await reportedPayment(ctx, payment, id))
  const refunded =
    listing.kind === 'found' ? refundedPerItem(listing.payment, payment.currency) : undefined
  const parts = splitOverItems(
    itemsLeft(amounts, refunded, payment.refundedMinor),
    progress.amountMinor - progress.made
  )
  if (!parts) return refuse("The refund exceeds what the payment's items have left at iyzico.")
  return sendParts(ctx, payment, id, progress, parts)
}
