/**
 * @module The cashier page at `credential.mweb_url`: the shopper pays (status 2) or the payment
 * fails (status 3), and the browser goes back to `return_url` as it was given (cmpay's
 * `Notify::callback` redirects to it without parameters). A paid order is notified.
 */
import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import type { Gopay88Notifier } from './notifications.ts'
import type { Gopay88Store } from './store.ts'

const STATUS_TEXT = { 0: 'closed', 1: 'waiting for payment', 2: 'paid', 3: 'failed' } as const

export async function cashier(
  store: Gopay88Store,
  notifier: Gopay88Notifier,
  request: Request,
  token: string
): Promise<Response> {
  const order = store.orderByToken(token)
  if (!order) return new Response('Order not found', { status: 404 })
  if (request.method === 'GET') {
    return shopperPage({
      title: 'GoPay黄金支付 cashier',
      lines: [
        ['Merchant', order.mchid],
        ['Order', order.outTradeNo],
        ['Amount', `${order.amount} ${order.currency}`],
        ['Channel', order.channel],
        ['Status', STATUS_TEXT[order.status]],
      ],
      passLabel: 'Pay',
      failLabel: 'Fail the payment',
    })
  }
  if (request.method !== 'POST') return new Response(null, { status: 405 })
  const action = await shopperAction(request)
  if (!action) return new Response('action must be pass or fail', { status: 400 })
  if (order.status === 1) {
    order.status = action === 'pass' ? 2 : 3
    // "支付完成后" GoPay88 notifies; cmpay's worker notifies paid orders only.
    if (order.status === 2) await notifier.orderPaid(order)
  }
  return redirectTo(order.returnUrl)
}
