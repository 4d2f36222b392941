/**
 * @module The shopper's side of Adyen's redirect: the 3-D Secure challenge of a card and the GoPay
 * app's confirmation. Passing or failing settles the payment (and sends its AUTHORISATION webhook)
 * and sends the browser back to the `returnUrl` with `redirectResult` appended, for the merchant's
 * `/payments/details` call. Docs: https://docs.adyen.com/online-payments/build-your-integration/
 * advanced-flow (handle the redirect).
 */
import { redirectTo, shopperAction, shopperPage } from '../kit/pages.ts'
import { type SimContext, settle } from './results.ts'
import { randomHex } from './store.ts'

const formatAmount = (value: number, currency: string) =>
  currency === 'IDR'
    ? `Rp ${value.toLocaleString('en-US')}`
    : `${(value / 100).toFixed(2)} ${currency}`

const withRedirectResult = (returnUrl: string, redirectResult: string) =>
  `${returnUrl}${returnUrl.includes('?') ? '&' : '?'}redirectResult=${encodeURIComponent(redirectResult)}`

export async function redirectPage(sim: SimContext, request: Request, token: string) {
  const payment = sim.store.paymentByRedirect('redirectToken', token)
  if (!payment) return new Response('This payment session has expired.', { status: 404 })
  const wallet = payment.method === 'gopay_wallet'
  if (request.method === 'GET') {
    return shopperPage({
      title: wallet ? 'GoPay' : 'Adyen 3-D Secure 2 challenge',
      lines: [
        ['Merchant reference', payment.reference],
        ['Amount', formatAmount(payment.amount.value, payment.amount.currency)],
        [
          wallet ? 'Wallet' : 'Card',
          wallet ? 'GoPay (simulated phone +62 812 0000 0000)' : payment.variant,
        ],
      ],
      passLabel: wallet ? 'Confirm with PIN' : 'Authenticate (password)',
      failLabel: wallet ? 'Cancel' : 'Fail authentication',
    })
  }
  const action = await shopperAction(request)
  if (!action) return new Response('Choose pass or fail.', { status: 400 })
  const merchant = sim.store.merchants.get(payment.merchantId)!
  const result =
    action === 'pass'
      ? { resultCode: 'Authorised' }
      : wallet
        ? { resultCode: 'Cancelled', refusalReason: 'Cancelled', refusalReasonCode: '15' }
        : { resultCode: 'Refused', refusalReason: '3D Not Authenticated', refusalReasonCode: '11' }
  payment.redirectResult = `${randomHex(8)}!${Buffer.from(payment.pspReference).toString('base64url')}`
  await settle(sim, merchant, payment, result)
  return redirectTo(withRedirectResult(payment.returnUrl, payment.redirectResult))
}
