/**
 * @module Creating an iyzico payment, in one of three ways:
 * - a card without 3-D Secure: `POST /payment/auth` (a sale) or `/payment/preauth` (authorize
 *   only), answered at once;
 * - a card with 3-D Secure: `POST /payment/3dsecure/initialize` (or `…/initialize/preauth`),
 *   answered with `threeDSHtmlContent`, base64 HTML that posts the shopper to the bank; the gateway
 *   shows it decoded at its own `redirectUrl`, and the bank's answer comes back to `callbackUrl`
 *   (an answer with `threeDsRedirectionUrl` instead sends the shopper there);
 * - no card: iyzico's checkout form, `POST /payment/iyzipos/checkoutform/initialize/auth/ecom`
 *   (or `…/preauth/ecom`), answered with `paymentPageUrl` for the shopper and a `token` that
 *   iyzico posts back to `callbackUrl`.
 * Docs: https://docs.iyzico.com/en/payment-methods/direct-charge,
 * https://docs.iyzico.com/en/payment-methods/preauth-and-capture/non-3ds/non-3ds-implementation; paths: iyzipay-node@cb4d163
 * `lib/resources/Payment.js`, `PaymentPreAuth.js`, `ThreedsInitialize.js`,
 * `ThreedsInitializePreAuth.js`, `CheckoutFormInitialize.js`, `CheckoutFormInitializePreAuth.js`.
 */
import { fromBase64, fromUtf8 } from '../../crypto/encoding'
import type { CardDetails, CreatePaymentInput, PaymentOutcome, ProviderContext } from '../types'
import { callIyzico } from './client'
import { isIyzicoCurrency } from './mapping'
import { declined, outcomeOfPayment, signatureHolds, UNVERIFIED_ANSWER } from './outcomes'
import { callForPayment } from './payment-calls'
import { checkoutFormBody, paymentBody } from './requests'
import { CheckoutFormInitializeAnswer, ThreedsInitializeAnswer } from './wire'

/** `paymentMethod` of a payment without card data: iyzico's checkout form is the one offered. */
export const CHECKOUT_FORM = 'checkout_form'

const referenceOf = (input: CreatePaymentInput) => ({
  paymentId: input.paymentId,
  providerPaymentId: null,
  amountMinor: input.amountMinor,
  currency: input.currency,
  capturedMinor: 0,
  refundedMinor: 0,
  authorizeOnly: !input.capture,
})

async function payByCard(
  ctx: ProviderContext,
  input: CreatePaymentInput,
  card: CardDetails
): Promise<PaymentOutcome> {
  const call = await callForPayment(ctx, referenceOf(input), {
    path: input.capture ? '/payment/auth' : '/payment/preauth',
    body: paymentBody(ctx, input, card),
  })
  if (call.kind === 'unknown') return call
  if (call.kind === 'failure') return declined(call.failure)
  return outcomeOfPayment(call.answer, call.body, referenceOf(input))
}

async function initializeThreeDS(
  ctx: ProviderContext,
  input: CreatePaymentInput,
  card: CardDetails
): Promise<PaymentOutcome> {
  const answer = await callIyzico(ctx, {
    path: input.capture ? '/payment/3dsecure/initialize' : '/payment/3dsecure/initialize/preauth',
    body: paymentBody(ctx, input, card),
  })
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'failure') return declined(answer.failure)
  const parsed = ThreedsInitializeAnswer.safeParse(answer.body)
  if (!parsed.success) return { kind: 'unknown', reason: 'unexpected iyzico 3-D Secure answer' }
  const { paymentId, conversationId, signature, threeDSHtmlContent } = parsed.data
  if (!(await signatureHolds(ctx.config.secretKey ?? '', signature, [paymentId, conversationId])))
    return UNVERIFIED_ANSWER
  if (!threeDSHtmlContent)
    return {
      kind: 'pending',
      redirectUrl: parsed.data.threeDsRedirectionUrl!,
      providerPaymentId: paymentId,
    }
  let html: string
  try {
    html = fromUtf8(fromBase64(threeDSHtmlContent))
  } catch {
    return { kind: 'unknown', reason: 'threeDSHtmlContent is not base64' }
  }
  return {
    kind: 'pending',
    redirectUrl: '',
    page: { kind: 'html', html },
    providerPaymentId: paymentId,
  }
}

async function openCheckoutForm(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  if (!input.returnUrl) return { kind: 'not_supported' }
  const answer = await callIyzico(ctx, {
    path: input.capture
      ? '/payment/iyzipos/checkoutform/initialize/auth/ecom'
      : '/payment/iyzipos/checkoutform/initialize/preauth/ecom',
    body: checkoutFormBody(ctx, input),
  })
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'failure') return declined(answer.failure)
  const parsed = CheckoutFormInitializeAnswer.safeParse(answer.body)
  if (!parsed.success) return { kind: 'unknown', reason: 'unexpected iyzico checkout form answer' }
  const { conversationId, token, paymentPageUrl, signature } = parsed.data
  if (!(await signatureHolds(ctx.config.secretKey ?? '', signature, [conversationId, token])))
    return UNVERIFIED_ANSWER
  // Until the shopper pays, the form's token is the payment's reference at iyzico.
  return { kind: 'pending', redirectUrl: paymentPageUrl, providerPaymentId: token }
}

export function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  // iyzico's subscription API is a separate product with its own plans; cards are not stored here.
  if (input.recurring || !isIyzicoCurrency(input.currency))
    return Promise.resolve({ kind: 'not_supported' })
  if (input.card) {
    return input.threeDS
      ? initializeThreeDS(ctx, input, input.card)
      : payByCard(ctx, input, input.card)
  }
  if (input.paymentMethod && input.paymentMethod !== CHECKOUT_FORM)
    return Promise.resolve({ kind: 'not_supported' })
  return openCheckoutForm(ctx, input)
}
