/**
 * @module PayU's notifications at `POST /v1/webhooks/payu` (the order's `notifyUrl`): JSON signed
 * with `OpenPayu-Signature` (`signature.ts`) under the POS's second key, sent on every order status
 * change (`{order: {orderId, extOrderId, status, totalAmount, currencyCode, …}, properties}`) and
 * refund status change (`{orderId, extOrderId, refund: {refundId, amount, currencyCode, status,
 * …}}`), resent until answered with HTTP 200 (attempts from immediately up to 72 h,
 * https://developers.payu.com/europe/docs/payment-flows/lifecycle).
 *
 * WAITING_FOR_CONFIRMATION is not applied from the notification: it is an authorization for a
 * `capture: false` payment but a sale still to capture for any other, which only the stored
 * payment tells. It is a signed status query: verified first (a forged one is refused), then the
 * gateway asks `getStatus`, which knows the payment and captures a sale.
 */
import { parseJson } from '../http'
import type {
  NotificationRequest,
  ProviderWebhooks,
  WebhookChange,
  WebhookNotification,
} from '../types'
import { fromPayuAmount, ORDER_MEANING } from './mapping'
import { outcomeOfOrder } from './outcomes'
import { signatureHeaderOf, verifyDocument } from './signature'
import { type NotifiedRefund, OrderNotification, type PayuOrder, RefundNotification } from './wire'

function orderChange(order: PayuOrder): WebhookChange {
  if (order.status === 'WAITING_FOR_CONFIRMATION') return { kind: 'query_status', signed: true }
  if (ORDER_MEANING[order.status] === 'waiting') {
    return { kind: 'ignored', reason: `order ${order.status}; the next status follows` }
  }
  return { kind: 'payment', outcome: outcomeOfOrder(order) }
}

function refundChange(refund: NotifiedRefund): WebhookChange {
  const amountMinor = refund.amount === undefined ? undefined : fromPayuAmount(refund.amount)
  switch (refund.status) {
    case 'FINALIZED':
      // Without an amount there is nothing to book; a refund made through the gateway is then
      // settled by sending it again under its extRefundId, which PayU answers FINALIZED.
      if (amountMinor === undefined) return { kind: 'ignored', reason: 'refund without amount' }
      return {
        kind: 'refund',
        amountMinor,
        providerRefundId: refund.refundId,
        reference: refund.extRefundId,
      }
    case 'CANCELED':
      return {
        kind: 'operation_failed',
        operation: 'refund',
        reason: 'PayU reports the refund CANCELED.',
        reference: refund.extRefundId ?? refund.refundId,
        providerReference: refund.refundId,
      }
    case 'PENDING':
      return { kind: 'ignored', reason: 'refund PENDING; FINALIZED or CANCELED follows' }
  }
}

export function parseNotification(request: NotificationRequest): WebhookNotification[] {
  if (request.method !== 'POST') return []
  const json = parseJson(request.rawBody)
  const refund = RefundNotification.safeParse(json)
  if (refund.success) {
    const { orderId, extOrderId } = refund.data
    return [
      {
        // The body is the notification's identity: the gateway takes its digest.
        eventId: '',
        providerPaymentId: orderId,
        paymentId: extOrderId,
        change: refundChange(refund.data.refund),
      },
    ]
  }
  const order = OrderNotification.safeParse(json)
  if (!order.success) return []
  const { orderId, extOrderId } = order.data.order
  return [
    {
      eventId: '',
      providerPaymentId: orderId,
      paymentId: extOrderId,
      change: orderChange(order.data.order),
    },
  ]
}

export const payuWebhooks: ProviderWebhooks = {
  methods: ['POST'],
  parse: parseNotification,
  verify: (ctx, request) =>
    verifyDocument(request.rawBody, signatureHeaderOf(request.headers), ctx.config.secondKey),
  // PayU resends until it gets HTTP 200; the body is not read.
  acknowledgement: { status: 200, body: '', contentType: 'text/plain' },
}
