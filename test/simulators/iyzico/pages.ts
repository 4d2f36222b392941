/**
 * @module The shopper's pages. `/bank/3ds/<session>`: the card bank's 3-D Secure page that
 * iyzico's `threeDSHtmlContent` posts to; its answer is a page whose form posts iyzico's callback
 * fields to the merchant's `callbackUrl`: `status`, `paymentId`, `conversationData`,
 * `conversationId`, `mdStatus` and `signature = HMAC(secretKey, conversationData:conversationId:mdStatus:paymentId:status)`
 * (https://docs.iyzico.com/en/payment-methods/direct-charge/3ds/3ds-implementation;
 * iyzipay-php `samples/callbackUrl_Signature_Validation.php`). Passing sets `mdStatus` 1 (or the
 * sandbox card's other value); failing sets 0. iyzico notifies `THREE_DS_CALLBACK` either way.
 * `/cpp?token=…`: the checkout form (`checkout.ts`).
 */
import { autoPostPage, shopperPage } from '../kit/pages.ts'
import { MD_STATUS_OF_CARD } from './cards.ts'
import { notifyPayment, type Sim } from './notifications.ts'
import type { Payment } from './store.ts'
import { hmacHex, toMajor } from './wire.ts'

export const amountOf = (minor: number, currency: string) => `${toMajor(minor)} ${currency}`

/** The form the bank's page posts to the merchant once 3-D Secure has an answer. */
function backToMerchant(sim: Sim, payment: Payment) {
  const merchant = sim.store.merchants.get(payment.merchantId)!
  const fields = {
    status: payment.mdStatus === 1 ? 'success' : 'failure',
    paymentId: payment.paymentId,
    conversationData: '',
    conversationId: payment.conversationId,
    mdStatus: String(payment.mdStatus ?? 0),
  }
  const signature = hmacHex(
    merchant.secretKey,
    [
      fields.conversationData,
      fields.conversationId,
      fields.mdStatus,
      fields.paymentId,
      fields.status,
    ].join(':')
  )
  return autoPostPage('iyzico', payment.callbackUrl ?? '', { ...fields, signature })
}

export async function bankPage(sim: Sim, request: Request, session: string): Promise<Response> {
  const payment = sim.store.payments.get(sim.store.sessions.get(session) ?? '')
  if (!payment) return new Response('Unknown 3-D Secure session', { status: 404 })
  const form = new URLSearchParams(request.method === 'POST' ? await request.text() : '')
  const action = form.get('action')
  if (action !== 'pass' && action !== 'fail') {
    // Arriving from iyzico's auto-posted form (PaReq, MD), or reloading.
    return shopperPage({
      title: 'Bank 3-D Secure (iyzico sandbox)',
      lines: [
        ['Merchant', `iyzico ${payment.merchantId}`],
        ['Amount', amountOf(payment.paidPrice, payment.currency)],
        ['Card', `**** **** **** ${payment.cardNumber.slice(-4)}`],
      ],
      passLabel: 'Onayla',
      failLabel: 'İptal',
    })
  }
  // Only the first answer counts; pressing again posts the same result to the merchant.
  if (payment.status === 'INIT_THREEDS') {
    payment.status = 'CALLBACK_THREEDS'
    payment.mdStatus = action === 'pass' ? (MD_STATUS_OF_CARD[payment.cardNumber] ?? 1) : 0
    const merchant = sim.store.merchants.get(payment.merchantId)!
    await notifyPayment(sim, merchant, payment, 'THREE_DS_CALLBACK', 'CALLBACK_THREEDS')
  }
  return backToMerchant(sim, payment)
}
