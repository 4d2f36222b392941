/**
 * @module iyzico's checkout form: `/payment/iyzipos/checkoutform/initialize/auth/ecom` (or
 * `…/preauth/ecom`) answers `token`, `paymentPageUrl` and `signature = HMAC(conversationId:token)`;
 * the shopper pays on `paymentPageUrl` (here `/cpp?token=…`, as iyzico's `sandbox-cpp` host),
 * after which iyzico posts `token` to `callbackUrl` and notifies `CHECKOUT_FORM_AUTH`;
 * `/payment/iyzipos/checkoutform/auth/ecom/detail` reads the result, signed over
 * `paymentStatus:paymentId:currency:basketId:conversationId:paidPrice:price:token`
 * (https://docs.iyzico.com/en/payment-methods/direct-charge/checkoutform/cf-implementation; iyzipay-node samples).
 * Failing on the form is a card the bank declines after 3-D Secure, which iyzico also sends back.
 */
import { autoPostPage, shopperPage } from '../kit/pages.ts'
import { CHECKOUT_FORM_CARD, DECLINING_CARDS } from './cards.ts'
import { notifyCheckoutForm, type Sim } from './notifications.ts'
import { amountOf } from './pages.ts'
import { newPayment } from './payments.ts'
import type { Merchant } from './store.ts'
import { readPaymentRequest } from './validate.ts'
import {
  type Context,
  failure,
  paymentJson,
  signValues,
  success,
  toMajor,
  UNPUBLISHED,
} from './wire.ts'

export const TOKEN_LIFETIME_SECONDS = 1800
/** The sandbox card that makes the form fail: iyzico's "do not honour" test card. */
const DECLINED_ON_FORM = '4129111111111111'

export function initializeCheckoutForm(
  sim: Sim,
  merchant: Merchant,
  ctx: Context,
  body: Record<string, unknown>,
  preauth: boolean
) {
  const request = readPaymentRequest(ctx, body, { card: false, callbackUrl: true, now: ctx.now })
  if (request instanceof Response) return request
  const token = sim.store.newToken()
  sim.store.forms.set(token, {
    token,
    merchantId: merchant.merchantId,
    conversationId: request.conversationId ?? '',
    basketId: request.basketId,
    currency: request.currency,
    price: request.price,
    paidPrice: request.paidPrice,
    preauth,
    callbackUrl: request.callbackUrl!,
    items: request.items,
    expiresAt: ctx.now + TOKEN_LIFETIME_SECONDS * 1000,
  })
  return success(ctx, {
    token,
    checkoutFormContent: `<script type="text/javascript">/* iyzico checkout form ${token} */</script>`,
    tokenExpireTime: TOKEN_LIFETIME_SECONDS,
    paymentPageUrl: `${sim.base}/cpp?token=${token}&lang=${ctx.locale}`,
    signature: signValues(merchant.secretKey, [ctx.conversationId, token]),
  })
}

export async function checkoutPage(sim: Sim, request: Request, token: string) {
  const form = sim.store.forms.get(token)
  if (!form || form.expiresAt <= sim.kit.now())
    return new Response('Ödeme formu bulunamadı veya süresi doldu', { status: 404 })
  const posted = new URLSearchParams(request.method === 'POST' ? await request.text() : '')
  const action = posted.get('action')
  if (action !== 'pass' && action !== 'fail') {
    return shopperPage({
      title: 'iyzico Ödeme Formu (sandbox)',
      lines: [
        ['Merchant', `iyzico ${form.merchantId}`],
        ['Amount', amountOf(form.paidPrice, form.currency)],
        ['Kind', form.preauth ? 'Pre-authorization' : 'Payment'],
      ],
      passLabel: 'Öde',
      failLabel: 'Reddedilen kart',
    })
  }
  if (!form.paymentId) {
    const cardNumber = action === 'pass' ? CHECKOUT_FORM_CARD : DECLINED_ON_FORM
    const error = DECLINING_CARDS[cardNumber]
    const merchant = sim.store.merchants.get(form.merchantId)!
    const payment = newPayment(
      sim,
      merchant,
      { ...form, installment: 1 },
      {
        phase: form.preauth ? 'PRE_AUTH' : 'AUTH',
        threeDS: true,
        mdStatus: 1,
        cardNumber,
        status: error ? 'FAILURE' : 'SUCCESS',
        error,
        token,
      }
    )
    form.paymentId = payment.paymentId
    await notifyCheckoutForm(sim, merchant, form, payment)
  }
  return autoPostPage('iyzico', form.callbackUrl, { token })
}

export function retrieveCheckoutForm(
  sim: Sim,
  merchant: Merchant,
  ctx: Context,
  body: Record<string, unknown>
) {
  const form = typeof body.token === 'string' ? sim.store.forms.get(body.token) : undefined
  if (!form || form.merchantId !== merchant.merchantId)
    return failure(ctx, UNPUBLISHED.paymentNotFound)
  const payment = form.paymentId ? sim.store.payments.get(form.paymentId) : undefined
  if (!payment) return failure(ctx, UNPUBLISHED.formNotPaid)
  const answer = paymentJson(merchant, payment, ctx.conversationId, { paymentStatus: true })
  return success(ctx, {
    ...answer,
    token: form.token,
    callbackUrl: form.callbackUrl,
    signature: signValues(merchant.secretKey, [
      payment.status,
      payment.paymentId,
      payment.currency,
      payment.basketId,
      ctx.conversationId,
      toMajor(payment.paidPrice),
      toMajor(payment.price),
      form.token,
    ]),
  })
}
