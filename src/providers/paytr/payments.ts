/**
 * @module Creating PayTR payments and learning how they ended. Without card data: the iFrame API
 * token (`/odeme/api/get-token`) opens PayTR's payment page at `/odeme/guvenli/<token>`, where
 * PayTR runs 3-D Secure. With card data: the Direct API (`/odeme`), answered by the bank's 3-D
 * Secure page, or for `non_3d=1` with `sync_mode=1` by JSON. The shopper's return to
 * `merchant_ok_url` / `merchant_fail_url` carries nothing signed ("merchant_ok_url'e herhangi bir
 * veri POST edilmemektedir"): the status query decides.
 */
import { parseJson } from '../http'
import type {
  CardDetails,
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
} from '../types'
import { PATHS, postForm, readAnswer, settingsOf } from './client'
import { declineOfMessage, merchantOidOf, paytrCurrencyOf } from './mapping'
import { recurringTokenOf } from './recurring-token'
import {
  directForm,
  FAIL_MARK,
  iframeTokenForm,
  type OrderFields,
  RETURN_URL_MAX_CHARS,
  type ReturnUrls,
  returnUrlsOf,
} from './requests'
import { outcomeOfStatus, queryStatus } from './status'
import { syncOutcome } from './sync'
import { DirectRefusal, SyncAnswer, TokenAnswer } from './wire'

const refused = (message: string): PaymentOutcome => ({
  kind: 'declined',
  declineCode: 'processing_error',
  message: `PayTR refused the request: ${message}`,
  providerCode: 'failed',
})

/** PayTR would refuse the request: nothing is sent, and the operator sees why. */
export const returnUrlTooLong: PaymentOutcome = {
  kind: 'declined',
  declineCode: 'processing_error',
  message: `The gateway's return URL is longer than the ${RETURN_URL_MAX_CHARS} characters PayTR takes; shorten APP_URL.`,
}

async function createHosted(
  ctx: ProviderContext,
  input: CreatePaymentInput,
  order: OrderFields,
  urls: ReturnUrls
): Promise<PaymentOutcome> {
  const form = iframeTokenForm(settingsOf(ctx), input, order, urls)
  const sent = await postForm(ctx, PATHS.iframeToken, form.fields, form.hashStr)
  const answer = readAnswer(sent, TokenAnswer)
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  if (answer.value.status === 'failed') return refused(answer.value.reason)
  return {
    kind: 'pending',
    redirectUrl: `${ctx.baseUrl}/odeme/guvenli/${answer.value.token}`,
    providerPaymentId: order.merchantOid,
  }
}

async function createDirect(
  ctx: ProviderContext,
  input: CreatePaymentInput & { card: CardDetails },
  order: OrderFields,
  urls: ReturnUrls
): Promise<PaymentOutcome> {
  const form = directForm(settingsOf(ctx), input, order, urls)
  const sent = await postForm(ctx, PATHS.direct, form.fields, form.hashStr)
  if (!sent.ok) return { kind: 'unknown', reason: sent.reason }
  if (sent.status >= 500) return { kind: 'unknown', reason: `http_${sent.status}` }
  const location = sent.headers.get('Location')
  if (input.threeDS && sent.status >= 300 && sent.status < 400 && location) {
    return { kind: 'pending', redirectUrl: location, providerPaymentId: order.merchantOid }
  }
  const json = parseJson(sent.text)
  const refusal = DirectRefusal.safeParse(json)
  if (refusal.success) return refused(refusal.data.reason)
  const sync = SyncAnswer.safeParse(json)
  if (sync.success && !input.threeDS) {
    const token = input.recurring ? recurringTokenOf(sync.data, input) : undefined
    return syncOutcome(sync.data, input, order.merchantOid, token)
  }
  if (json !== undefined || !input.threeDS || sent.status !== 200) {
    return { kind: 'unknown', reason: `unexpected_answer_http_${sent.status}` }
  }
  return {
    kind: 'pending',
    redirectUrl: '',
    page: { kind: 'html', html: sent.text },
    providerPaymentId: order.merchantOid,
  }
}

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  const currency = paytrCurrencyOf(input.currency)
  const userIp = input.customer.ipAddress
  const installments = input.installmentCount ?? 0
  // PayTR signs the shopper's IP into every payment and allows 0, 2…12 installments.
  if (!currency || !userIp || installments > 12 || !input.capture) return { kind: 'not_supported' }
  // A card is stored for recurring charges only with a non-3-D payment (see recurring.ts).
  if (input.recurring && (!input.card || input.threeDS)) return { kind: 'not_supported' }
  if (input.paymentMethod !== undefined && input.paymentMethod !== 'card') {
    return { kind: 'not_supported' }
  }
  if (input.card ? installments > 1 || (input.threeDS && !input.returnUrl) : !input.returnUrl) {
    return { kind: 'not_supported' }
  }
  const urls = returnUrlsOf(ctx, input.returnUrl)
  if (!urls) return returnUrlTooLong
  const order = { merchantOid: merchantOidOf(input.paymentId), userIp, currency }
  return input.card
    ? createDirect(ctx, { ...input, card: input.card }, order, urls)
    : createHosted(ctx, input, order, urls)
}

export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  const oid = merchantOidOf(payment.paymentId)
  return outcomeOfStatus(await queryStatus(ctx, oid), oid)
}

/**
 * The shopper is back from PayTR. Paid per the status query: succeeded. Not paid and sent to the
 * fail URL (PayTR posts `fail_message` there for the Direct API): declined. Not paid at the OK
 * URL: still pending until the notification.
 */
export async function completeReturn(
  ctx: ProviderContext,
  payment: PaymentReference,
  params: Record<string, string>
): Promise<PaymentOutcome> {
  const oid = merchantOidOf(payment.paymentId)
  const status = await queryStatus(ctx, oid)
  if (status.kind !== 'not_paid' || params[FAIL_MARK] !== 'fail') {
    return outcomeOfStatus(status, oid)
  }
  const message = params.fail_message ?? ''
  return {
    kind: 'declined',
    declineCode: message ? declineOfMessage(message) : 'card_declined',
    message: message || 'The payment was not completed at PayTR.',
    providerCode: status.code,
    providerPaymentId: oid,
  }
}
