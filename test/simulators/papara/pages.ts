/**
 * @module Papara's checkout page at `paymentUrl` (`/checkout/<id>`): the shopper pays from the
 * wallet or leaves. Paying completes the payment, POSTs it as JSON to its `notificationUrl` (the
 * IPN, with the merchant secret key in it) before the shopper is sent on, as the node SDK README
 * ("Validating Payment Result") describes, and sends the shopper to `redirectUrl` with
 * `paymentId`, `referenceId`, `status` and `amount` appended (php-sample `json/result.json`,
 * `returningRedirectUrl`). Leaving keeps the payment pending (`status=0` in the return).
 */
import { randomUUID } from 'node:crypto'
import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import type { SimulatorKit } from '../kit/types.ts'
import type { PaparaStore, Payment } from './store.ts'
import { majorAmount, paymentView } from './wire.ts'

const CURRENCY_NAMES = ['TRY', 'USD', 'EUR', 'GBP']

function returningUrl(payment: Payment) {
  const url = new URL(payment.redirectUrl)
  url.searchParams.append('paymentId', payment.id)
  url.searchParams.append('referenceId', payment.referenceId)
  url.searchParams.append('status', String(payment.status))
  url.searchParams.append('amount', String(majorAmount(payment.amountMinor)))
  return url.toString()
}

async function notify(kit: SimulatorKit, store: PaparaStore, base: string, payment: Payment) {
  const merchant = store.merchants.get(payment.merchantId)!
  await kit.notify(merchant.merchantId, {
    method: 'POST',
    url: payment.notificationUrl,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify(paymentView(base, merchant, payment)),
  })
}

export async function checkoutPage(
  kit: SimulatorKit,
  store: PaparaStore,
  request: Request,
  { base, id }: { base: string; id: string }
) {
  const payment = store.payments.get(id)
  const merchant = payment && store.merchants.get(payment.merchantId)
  if (!payment || !merchant || !store.find(merchant.merchantId, id, kit.now())) {
    return new Response('Ödeme bulunamadı (payment not found)', { status: 404 })
  }
  if (request.method === 'GET') {
    return shopperPage({
      title: 'Papara ile Öde',
      lines: [
        ['Merchant', merchant.legalName],
        ['Order', payment.orderDescription],
        [
          'Amount',
          `${majorAmount(payment.amountMinor).toFixed(2)} ${CURRENCY_NAMES[payment.currency]}`,
        ],
      ],
      passLabel: 'Öde (pay from wallet)',
      failLabel: 'Vazgeç (leave)',
    })
  }
  const action = await shopperAction(request)
  if (!action) return new Response('Unknown action', { status: 400 })
  if (action === 'pass' && payment.status === 0) {
    payment.status = 1
    payment.userId = randomUUID()
    payment.returningRedirectUrl = returningUrl(payment)
    await notify(kit, store, base, payment)
  }
  return redirectTo(returningUrl(payment))
}
