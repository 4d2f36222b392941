/**
 * @module The shopper's pages. `/odeme/guvenli/<token>`: PayTR's payment page (iFrame API), where
 * PayTR's test card is already filled in. `/bank/3d/<session>`: the card bank's 3-D Secure page
 * that PayTR's Direct API answer posts to. Passing pays (unless the card declines) and sends the
 * browser to `merchant_ok_url` with nothing attached; failing goes to `merchant_fail_url`, for the
 * Direct API as a form POST carrying `fail_message` (Direkt API 1. adım, step 5). PayTR notifies
 * the store either way.
 */
import { autoPostPage, redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import type { SimulatorKit } from '../kit/types.ts'
import { kurusToDecimal } from './http.ts'
import { AUTHENTICATION_FAILED, cardRefusal, SHOPPER_GAVE_UP, settle } from './results.ts'
import type { Order, PaytrStore } from './store.ts'

const amountOf = (order: Order) => `${kurusToDecimal(order.amountKurus)} ${order.currency}`

/** Where PayTR sends the browser once the order has its result. */
function leave(order: Order): Response {
  if (order.result === 'success') return redirectTo(order.okUrl)
  if (order.via === 'iframe') return redirectTo(order.failUrl)
  return autoPostPage('PayTR', order.failUrl, {
    fail_message: order.failedReason?.message ?? 'Ödeme işlemi başarısız.',
  })
}

export async function iframePage(
  kit: SimulatorKit,
  store: PaytrStore,
  request: Request,
  token: string
): Promise<Response> {
  const order = store.byKey(store.iframeTokens.get(token))
  if (!order) return new Response('Geçersiz işlem (token)', { status: 404 })
  if (request.method === 'GET') {
    return shopperPage({
      title: 'PayTR Güvenli Ödeme',
      lines: [
        ['Mağaza', order.merchantId],
        ['Sipariş', order.oid],
        ['Tutar', amountOf(order)],
        ['Kart', 'PAYTR TEST · 4355 08** **** 4358'],
      ],
      passLabel: 'Ödeme Yap',
      failLabel: 'Vazgeç',
    })
  }
  const action = await shopperAction(request)
  if (!action) return new Response('Choose pass or fail.', { status: 400 })
  await settle(kit, store, order, action === 'pass' ? undefined : SHOPPER_GAVE_UP)
  return leave(order)
}

export async function bankPage(
  kit: SimulatorKit,
  store: PaytrStore,
  request: Request,
  session: string
): Promise<Response> {
  const order = store.byKey(store.bankSessions.get(session))
  if (!order) return new Response('Unknown 3-D Secure session', { status: 404 })
  const action = request.method === 'POST' ? await shopperAction(request) : undefined
  if (!action) {
    // Arriving from PayTR's auto-posted form (MD, PaReq, TermUrl), or reloading.
    return shopperPage({
      title: 'Bank 3-D Secure (PayTR test)',
      lines: [
        ['Merchant', `PayTR ${order.merchantId}`],
        ['Amount', amountOf(order)],
        ['Card', `**** **** **** ${order.cardNumber?.slice(-4) ?? ''}`],
      ],
      passLabel: 'Gönder',
      failLabel: 'İptal',
    })
  }
  const refusal = action === 'pass' ? cardRefusal(order.cardNumber ?? '') : AUTHENTICATION_FAILED
  await settle(kit, store, order, refusal)
  return leave(order)
}
