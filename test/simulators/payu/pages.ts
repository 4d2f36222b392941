/**
 * @module PayU's hosted payment page at `redirectUri` (`/pay/?orderId=…&token=…`): the buyer picks
 * a method and pays, or fails. Paying moves the order NEW → PENDING → COMPLETED on a POS with
 * auto-receive, or → WAITING_FOR_CONFIRMATION without it; failing moves it PENDING → CANCELED.
 * Each change is notified. The buyer then goes back to `continueUrl`, with `error=501` appended
 * after a failure.
 */
import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import type { SimulatorKit } from '../kit/types.ts'
import { changeStatus } from './notify.ts'
import type { Order, PayuStore } from './store.ts'

const majorAmount = (o: Order) => `${(o.totalAmount / 100).toFixed(2)} ${o.currencyCode}`

function continueUrlOf(order: Order, failed: boolean) {
  if (!order.continueUrl) return undefined
  const url = new URL(order.continueUrl)
  if (failed) url.searchParams.append('error', '501')
  return url.toString()
}

export async function paymentPage(kit: SimulatorKit, store: PayuStore, request: Request) {
  const query = new URL(request.url).searchParams
  const order = store.orders.get(query.get('orderId') ?? '')
  if (!order || order.pageToken !== query.get('token')) {
    return new Response('Order not found', { status: 404 })
  }
  if (request.method === 'GET') {
    return shopperPage({
      title: 'PayU payment page',
      lines: [
        ['Shop (POS)', order.posId],
        ['Order', order.description],
        ['Amount', majorAmount(order)],
      ],
      passLabel: 'Pay',
      failLabel: 'Cancel payment',
    })
  }
  const action = await shopperAction(request)
  if (!action) return new Response('Unknown action', { status: 400 })
  const pos = store.poses.get(order.posId)!
  // Only an open order reacts; pressing again just goes back to the shop.
  if (order.status === 'NEW') {
    await changeStatus(kit, pos, order, 'PENDING')
    if (action === 'fail') {
      await changeStatus(kit, pos, order, 'CANCELED')
    } else if (pos.autoReceive) {
      order.capturedAmount = order.totalAmount
      await changeStatus(kit, pos, order, 'COMPLETED')
    } else {
      await changeStatus(kit, pos, order, 'WAITING_FOR_CONFIRMATION')
    }
  }
  const back = continueUrlOf(order, order.status === 'CANCELED')
  if (back) return redirectTo(back)
  return new Response('<!doctype html><p>Payment finished. You may close this page.</p>', {
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  })
}
