/**
 * @module iyzico's payment endpoints: `/payment/auth` and `/payment/preauth` (answered at once),
 * `/payment/3dsecure/initialize[/preauth]` (answered with base64 `threeDSHtmlContent` that posts
 * the shopper to the simulated bank), `/payment/3dsecure/auth` (completes a payment whose bank
 * answered `mdStatus` 1), `/payment/postauth` (captures a pre-authorization, at most its amount)
 * and `/payment/detail` (by `paymentId` or `paymentConversationId`). Docs:
 * https://docs.iyzico.com/en/payment-methods/direct-charge,
 * https://docs.iyzico.com/en/payment-methods/preauth-and-capture/non-3ds/non-3ds-implementation.
 */
import { DECLINING_CARDS, FROZEN_CARD, THREEDS_INIT_FAILS } from './cards.ts'
import { notifyPayment, type Sim } from './notifications.ts'
import type { Merchant, Payment } from './store.ts'
import type { PaymentRequest } from './validate.ts'
import { readPaymentRequest } from './validate.ts'
import {
  type Context,
  failure,
  invalidRequest,
  paymentJson,
  signValues,
  success,
  toMinor,
  UNPUBLISHED,
} from './wire.ts'

type Body = Record<string, unknown>

/** Spreads `paidPrice` over the items like `price`, the rest on the last item. */
export function allocate(items: { price: number }[], price: number, paidPrice: number) {
  let left = paidPrice
  return items.map((item, index) => {
    const share = index === items.length - 1 ? left : Math.floor((item.price * paidPrice) / price)
    left -= share
    return share
  })
}

export function newPayment(
  sim: Sim,
  merchant: Merchant,
  request: PaymentRequest,
  extra: Pick<Payment, 'phase' | 'threeDS' | 'cardNumber' | 'status'> & Partial<Payment>
): Payment {
  const shares = allocate(request.items, request.price, request.paidPrice)
  const payment: Payment = {
    paymentId: sim.store.newPaymentId(),
    merchantId: merchant.merchantId,
    conversationId: request.conversationId ?? '',
    basketId: request.basketId,
    currency: request.currency,
    price: request.price,
    paidPrice: request.paidPrice,
    installment: request.installment,
    items: request.items.map((item, index) => ({
      itemId: item.id,
      paymentTransactionId: sim.store.newTransactionId(),
      price: item.price,
      paidPrice: shares[index]!,
      refunds: [],
    })),
    createdAt: sim.kit.now(),
    ...extra,
  }
  sim.store.payments.set(payment.paymentId, payment)
  return payment
}

export async function payByCard(
  sim: Sim,
  merchant: Merchant,
  ctx: Context,
  body: Body,
  preauth: boolean
) {
  const request = readPaymentRequest(ctx, body, { card: true, callbackUrl: false, now: ctx.now })
  if (request instanceof Response) return request
  const cardNumber = request.card!.number
  const error = DECLINING_CARDS[cardNumber]
  const payment = newPayment(sim, merchant, request, {
    phase: preauth ? 'PRE_AUTH' : 'AUTH',
    threeDS: false,
    cardNumber,
    status: error ? 'FAILURE' : 'SUCCESS',
    error,
  })
  await notifyPayment(sim, merchant, payment, 'API_AUTH', payment.status)
  if (error) return failure(ctx, error)
  return success(ctx, paymentJson(merchant, payment, ctx.conversationId))
}

/** The page iyzico hands over: it posts the shopper to the bank (no card data in it). */
const bankForm = (sim: Sim, session: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>3-D Secure</title></head>
<body onload="document.getElementById('iyzico-3ds-form').submit()">
<form id="iyzico-3ds-form" action="${sim.base}/bank/3ds/${session}" method="post">
<input type="hidden" name="PaReq" value="${Buffer.from(session).toString('base64')}">
<input type="hidden" name="MD" value="${session}">
<noscript><button type="submit">Continue</button></noscript>
</form></body></html>`

export async function initializeThreeDS(
  sim: Sim,
  merchant: Merchant,
  ctx: Context,
  body: Body,
  preauth: boolean
) {
  const request = readPaymentRequest(ctx, body, { card: true, callbackUrl: true, now: ctx.now })
  if (request instanceof Response) return request
  const cardNumber = request.card!.number
  if (cardNumber === THREEDS_INIT_FAILS) {
    return failure(ctx, {
      errorCode: '10204',
      errorGroup: 'UNKNOWN',
      errorMessage: 'Ödeme işlemi esnasında genel bir hata oluştu',
    })
  }
  const session = sim.store.newSession()
  const payment = newPayment(sim, merchant, request, {
    phase: preauth ? 'PRE_AUTH' : 'AUTH',
    threeDS: true,
    cardNumber,
    status: 'INIT_THREEDS',
    callbackUrl: request.callbackUrl,
    session,
  })
  sim.store.sessions.set(session, payment.paymentId)
  return success(ctx, {
    threeDSHtmlContent: Buffer.from(bankForm(sim, session), 'utf8').toString('base64'),
    paymentId: payment.paymentId,
    signature: signValues(merchant.secretKey, [payment.paymentId, ctx.conversationId]),
  })
}

const ownPayment = (sim: Sim, merchant: Merchant, id: unknown) => {
  const payment = typeof id === 'string' ? sim.store.payments.get(id) : undefined
  return payment?.merchantId === merchant.merchantId ? payment : undefined
}

export async function completeThreeDS(sim: Sim, merchant: Merchant, ctx: Context, body: Body) {
  const payment = ownPayment(sim, merchant, body.paymentId)
  if (!payment?.threeDS) return failure(ctx, UNPUBLISHED.paymentNotFound)
  if (payment.status !== 'CALLBACK_THREEDS') return failure(ctx, UNPUBLISHED.wrongState)
  if (payment.mdStatus !== 1) return failure(ctx, UNPUBLISHED.notAuthenticated)
  const error = DECLINING_CARDS[payment.cardNumber]
  payment.status = error ? 'FAILURE' : 'SUCCESS'
  payment.error = error
  await notifyPayment(sim, merchant, payment, 'THREE_DS_AUTH', payment.status)
  if (error) return failure(ctx, error)
  return success(ctx, paymentJson(merchant, payment, ctx.conversationId))
}

export function postAuth(sim: Sim, merchant: Merchant, ctx: Context, body: Body) {
  const payment = ownPayment(sim, merchant, body.paymentId)
  if (!payment) return failure(ctx, UNPUBLISHED.paymentNotFound)
  const amount = toMinor(body.paidPrice)
  if (amount === undefined || body.currency !== payment.currency) return invalidRequest(ctx)
  if (payment.status !== 'SUCCESS' || payment.phase !== 'PRE_AUTH' || payment.cancel)
    return failure(ctx, UNPUBLISHED.wrongState)
  if (payment.cardNumber === FROZEN_CARD) return failure(ctx, UNPUBLISHED.sandboxCard)
  if (amount > payment.paidPrice) return invalidRequest(ctx, 'Geçersiz tutar')
  payment.phase = 'POST_AUTH'
  payment.paidPrice = amount
  const shares = allocate(payment.items, payment.price, amount)
  payment.items.forEach((item, index) => {
    item.paidPrice = shares[index]!
  })
  return success(ctx, paymentJson(merchant, payment, ctx.conversationId))
}

export function retrieve(sim: Sim, merchant: Merchant, ctx: Context, body: Body) {
  const byConversation = typeof body.paymentConversationId === 'string'
  const payment = body.paymentId
    ? ownPayment(sim, merchant, body.paymentId)
    : byConversation
      ? sim.store.paymentOfConversation(merchant.merchantId, body.paymentConversationId as string)
      : undefined
  if (
    !payment ||
    (byConversation && body.paymentId && payment.conversationId !== body.paymentConversationId)
  )
    return failure(ctx, UNPUBLISHED.paymentNotFound)
  return success(ctx, paymentJson(merchant, payment, ctx.conversationId, { paymentStatus: true }))
}
