/**
 * @module Money back: `/payment/cancel` (a void, on the day of the payment only),
 * `/payment/refund` (one item transaction, `paymentTransactionId`, at most what that item has left:
 * its `paidPrice` less its refunds; `currency` and `ip` optional as the docs' API reference marks
 * them), `/v2/payment/refund` (by payment, spread over its items in order), refunds in parts until
 * nothing is left (https://docs.iyzico.com/en/advanced/refund-and-cancel). Every refund is kept
 * on its item with the request's `conversationId`. And `GET /v2/reporting/payment/details`,
 * which lists each payment with its cancels and its items' refunds, each with the
 * `conversationId` it was asked with (https://docs.iyzico.com/en/advanced/reporting-service).
 */
import { FROZEN_CARD } from './cards.ts'
import type { Sim } from './notifications.ts'
import type { ItemTransaction, Merchant, Payment } from './store.ts'
import {
  type Context,
  failure,
  invalidRequest,
  signValues,
  success,
  toMajor,
  toMinor,
  UNPUBLISHED,
} from './wire.ts'

type Body = Record<string, unknown>
const ISTANBUL_OFFSET_MS = 3 * 60 * 60 * 1000
const dayOf = (ms: number) => new Date(ms + ISTANBUL_OFFSET_MS).toISOString().slice(0, 10)

const ownPayment = (sim: Sim, merchant: Merchant, id: unknown) => {
  const payment = typeof id === 'string' ? sim.store.payments.get(id) : undefined
  return payment?.merchantId === merchant.merchantId ? payment : undefined
}

const refundedOf = (item: ItemTransaction) => item.refunds.reduce((sum, r) => sum + r.amount, 0)

/** Why money cannot go back on this payment, if it cannot. */
function refusal(payment: Payment) {
  if (payment.status !== 'SUCCESS' || payment.phase === 'PRE_AUTH' || payment.cancel)
    return UNPUBLISHED.wrongState
  if (payment.cardNumber === FROZEN_CARD) return UNPUBLISHED.sandboxCard
  return undefined
}

const references = (payment: Payment) => ({
  authCode: String(100000 + (Number(payment.paymentId) % 900000)),
  hostReference: `mock${payment.paymentId}iyzihostrfn`,
})

export function cancelPayment(sim: Sim, merchant: Merchant, ctx: Context, body: Body) {
  const payment = ownPayment(sim, merchant, body.paymentId)
  if (!payment) return failure(ctx, UNPUBLISHED.paymentNotFound)
  const refused =
    payment.status !== 'SUCCESS' || payment.cancel || sim.store.refundedOf(payment) > 0
      ? UNPUBLISHED.wrongState
      : payment.cardNumber === FROZEN_CARD
        ? UNPUBLISHED.sandboxCard
        : dayOf(payment.createdAt) !== dayOf(ctx.now)
          ? UNPUBLISHED.notCancellable
          : undefined
  if (refused) return failure(ctx, refused)
  payment.cancel = { conversationId: ctx.conversationId ?? '', createdAt: ctx.now }
  return success(ctx, {
    paymentId: payment.paymentId,
    price: toMajor(payment.paidPrice),
    currency: payment.currency,
    ...references(payment),
    cancelHostReference: `mock${payment.paymentId}iyzicancel`,
  })
}

function book(sim: Sim, item: ItemTransaction, amount: number, ctx: Context) {
  item.refunds.push({
    refundTxId: sim.store.newTransactionId(),
    conversationId: ctx.conversationId ?? '',
    amount,
    createdAt: ctx.now,
  })
}

export function refundByPayment(sim: Sim, merchant: Merchant, ctx: Context, body: Body) {
  const payment = ownPayment(sim, merchant, body.paymentId)
  if (!payment) return failure(ctx, UNPUBLISHED.paymentNotFound)
  const amount = toMinor(body.price)
  if (amount === undefined || body.currency !== payment.currency) return invalidRequest(ctx)
  const refused = refusal(payment)
  if (refused) return failure(ctx, refused)
  if (amount > payment.paidPrice - sim.store.refundedOf(payment))
    return failure(ctx, UNPUBLISHED.refundTooLarge)
  let left = amount
  for (const item of payment.items) {
    const share = Math.min(left, item.paidPrice - refundedOf(item))
    if (share > 0) book(sim, item, share, ctx)
    left -= share
  }
  return success(ctx, {
    paymentId: payment.paymentId,
    price: toMajor(amount),
    currency: payment.currency,
    ...references(payment),
    refundHostReference: `mock${payment.paymentId}iyzirefund`,
    retryable: false,
    signature: signValues(merchant.secretKey, [payment.paymentId, ctx.conversationId]),
  })
}

export function refundItem(sim: Sim, merchant: Merchant, ctx: Context, body: Body) {
  const id = String(body.paymentTransactionId ?? '')
  const payment = [...sim.store.payments.values()].find(
    (p) =>
      p.merchantId === merchant.merchantId && p.items.some((i) => i.paymentTransactionId === id)
  )
  const item = payment?.items.find((i) => i.paymentTransactionId === id)
  if (!payment || !item) return failure(ctx, UNPUBLISHED.paymentNotFound)
  const amount = toMinor(body.price)
  const currency = body.currency ?? payment.currency
  if (amount === undefined || currency !== payment.currency) return invalidRequest(ctx)
  const refused = refusal(payment)
  if (refused) return failure(ctx, refused)
  if (amount > item.paidPrice - refundedOf(item)) return failure(ctx, UNPUBLISHED.refundTooLarge)
  book(sim, item, amount, ctx)
  const price = toMajor(amount)
  return success(ctx, {
    paymentId: payment.paymentId,
    paymentTransactionId: item.paymentTransactionId,
    price,
    currency: payment.currency,
    ...references(payment),
    refundHostReference: `mock${payment.paymentId}iyzirefund`,
    retryable: false,
    signature: signValues(merchant.secretKey, [
      payment.paymentId,
      price,
      payment.currency,
      ctx.conversationId,
    ]),
  })
}

const NUMERIC_STATUS = { FAILURE: 0, SUCCESS: 1, INIT_THREEDS: 2, CALLBACK_THREEDS: 3 } as const

function reported(payment: Payment) {
  const refunded = payment.items.reduce((sum, item) => sum + refundedOf(item), 0)
  return {
    paymentId: Number(payment.paymentId),
    paymentStatus: NUMERIC_STATUS[payment.status],
    paymentRefundStatus:
      refunded === 0
        ? 'NOT_REFUNDED'
        : refunded < payment.paidPrice
          ? 'PARTIALLY_REFUNDED'
          : 'TOTALLY_REFUNDED',
    price: toMajor(payment.price),
    paidPrice: toMajor(payment.paidPrice),
    installment: payment.installment,
    paymentConversationId: payment.conversationId,
    basketId: payment.basketId,
    currency: payment.currency,
    threeDS: payment.threeDS,
    phase: payment.phase,
    createdDate: new Date(payment.createdAt).toISOString(),
    cancels: payment.cancel
      ? [
          {
            cancelConversationId: payment.cancel.conversationId,
            refundPrice: toMajor(payment.paidPrice),
            refundStatus: 1,
            currencyCode: payment.currency,
          },
        ]
      : [],
    itemTransactions: payment.items.map((item) => ({
      paymentTransactionId: Number(item.paymentTransactionId),
      transactionStatus: 2,
      price: toMajor(item.price),
      paidPrice: toMajor(item.paidPrice),
      refunds: item.refunds.map((refund) => ({
        refundTxId: Number(refund.refundTxId),
        refundConversationId: refund.conversationId,
        refundPrice: toMajor(refund.amount),
        refundStatus: 1,
        isAfterSettlement: false,
        createdDate: new Date(refund.createdAt).toISOString(),
        currencyCode: payment.currency,
      })),
    })),
  }
}

export function reportPayments(sim: Sim, merchant: Merchant, ctx: Context, query: URLSearchParams) {
  const paymentId = query.get('paymentId')
  const conversationId = query.get('paymentConversationId')
  if (!paymentId && !conversationId) return invalidRequest(ctx)
  const payments = [...sim.store.payments.values()].filter(
    (p) =>
      p.merchantId === merchant.merchantId &&
      (!paymentId || p.paymentId === paymentId) &&
      (!conversationId || p.conversationId === conversationId)
  )
  return success(ctx, { payments: payments.map(reported) })
}
