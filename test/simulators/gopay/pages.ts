/**
 * @module GoPay's payment gateway page at `gw_url` (`<host>/gw/v3/<hash>`). Paying makes the
 * payment PAID, or AUTHORIZED for a preauthorization; an ON_DEMAND recurrence starts and a card
 * token is stored when one was asked for. Failing makes it CANCELED. Either way the browser goes
 * back to `return_url` with `id=<payment id>` appended (doc "Návrat do eshopu").
 */
import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import type { SimulatorKit } from '../kit/types.ts'
import type { GoPayStore, Payment } from './store.ts'
import { changeState } from './wire.ts'

const majorAmount = (p: Payment) => `${(p.amount / 100).toFixed(2)} ${p.currency}`

export function returnUrlOf(payment: Payment) {
  const url = new URL(payment.returnUrl)
  url.searchParams.append('id', String(payment.id))
  return url.toString()
}

async function pay(kit: SimulatorKit, store: GoPayStore, payment: Payment) {
  await changeState(kit, payment, 'PAYMENT_METHOD_CHOSEN')
  payment.instrument = 'PAYMENT_CARD'
  if (payment.recurrence) payment.recurrence.recurrence_state = 'STARTED'
  if (payment.requestCardToken) payment.cardId = store.storeCard(payment.goId).id
  if (payment.preauthorization) {
    payment.preauthorization.state = 'AUTHORIZED'
    await changeState(kit, payment, 'AUTHORIZED')
  } else {
    await changeState(kit, payment, 'PAID')
  }
}

export async function gatewayPage(
  kit: SimulatorKit,
  store: GoPayStore,
  request: Request,
  hash: string
): Promise<Response> {
  const id = store.byGwHash.get(hash)
  const payment = id === undefined ? undefined : store.payments.get(id)
  if (!payment) return new Response('Payment not found', { status: 404 })
  if (request.method === 'GET') {
    return shopperPage({
      title: 'GoPay payment gateway',
      lines: [
        ['E-shop (GoID)', payment.goId],
        ['Order', payment.orderNumber],
        ['Amount', majorAmount(payment)],
        ['Kind', payment.preauthorization ? 'Preauthorization' : 'Payment'],
      ],
      passLabel: 'Pay',
      failLabel: 'Decline',
    })
  }
  const action = await shopperAction(request)
  if (!action) return new Response('Unknown action', { status: 400 })
  // Only a payment still open reacts; a second press just goes back to the shop.
  if (payment.state === 'CREATED') {
    if (action === 'pass') await pay(kit, store, payment)
    else await changeState(kit, payment, 'CANCELED', '_5037')
  }
  return redirectTo(returnUrlOf(payment))
}
