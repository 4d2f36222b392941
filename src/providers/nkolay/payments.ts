/**
 * @module Card payments through `POST /Vpos/v1/Payment` (spec `createPayment`): non-3-D answers at
 * once; with `use3D=true` the answer's `BANK_REQUEST_MESSAGE` is the bank's 3-D Secure page, shown
 * by the gateway. Paynkolay then posts the result to successUrl/failUrl (both the gateway's return
 * URL), signed with `hashDataV2`; reaching successUrl is not success ("pre-approval",
 * paynkolay.com.tr/entegrasyon/donus-parametreleri): the adapter verifies the hash, calls
 * CompletePayment with `sx` and `REFERENCE_CODE`, and succeeds only on `RESPONSE_CODE` 2 with an
 * auth code and the amount asked. Anything it cannot trust is settled by PaymentList instead.
 */
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
} from '../types'
import { PATHS, postSigned, readAnswer, settingsOf } from './client'
import { completeSale, paidOutcome } from './complete'
import { CURRENCY_NUMBERS, declineOf, rndOf, toNkolayAmount } from './mapping'
import { paymentForm } from './requests'
import { verifyResultHash } from './signing'
import { getStatus } from './status'
import { type PaymentAnswer, PaymentAnswer as PaymentAnswerSchema } from './wire'

const declined = (answer: PaymentAnswer, fallback: string): PaymentOutcome => {
  const message = answer.ERROR_MESSAGE || answer.RESPONSE_DATA || fallback
  return {
    kind: 'declined',
    declineCode:
      answer.RESPONSE_CODE === '9' ? 'processing_error' : declineOf(answer.ERROR_CODE, message),
    message,
    providerCode: answer.ERROR_CODE || `RESPONSE_CODE_${answer.RESPONSE_CODE}`,
    providerPaymentId: answer.REFERENCE_CODE,
  }
}

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  const currencyNumber = CURRENCY_NUMBERS[input.currency]
  const card = input.card
  // Card API only: no stored cards for recurring, no wallet methods; 3-D Secure needs the return URL.
  if (!card || !currencyNumber || input.recurring) return { kind: 'not_supported' }
  if (input.paymentMethod !== undefined && input.paymentMethod !== 'card')
    return { kind: 'not_supported' }
  if (input.threeDS && !input.returnUrl) return { kind: 'not_supported' }
  // Both URLs are required and signed; non-3-D answers directly, so the notification URL stands in.
  const back = input.returnUrl ?? ctx.notificationUrl
  const wire = {
    amount: toNkolayAmount(input.amountMinor, input.currency),
    currencyNumber,
    rnd: rndOf(ctx.deps.now()),
    successUrl: back,
    failUrl: back,
  }
  const sent = await postSigned(
    ctx,
    PATHS.payment,
    paymentForm(settingsOf(ctx), { ...input, card }, wire)
  )
  const read = readAnswer(sent, PaymentAnswerSchema)
  if (!read.ok) return { kind: 'unknown', reason: read.reason }
  const answer = read.value
  if (answer.RESPONSE_CODE !== '2') return declined(answer, 'Paynkolay declined the payment.')
  if (input.threeDS) {
    if (!answer.BANK_REQUEST_MESSAGE) return { kind: 'unknown', reason: 'no_bank_request_message' }
    return {
      kind: 'pending',
      redirectUrl: '',
      page: { kind: 'html', html: answer.BANK_REQUEST_MESSAGE },
      providerPaymentId: answer.REFERENCE_CODE ?? null,
    }
  }
  const payment = { ...input, authorizeOnly: !input.capture }
  return paidOutcome(answer, answer.AUTH_CODE, answer.AUTHORIZATION_AMOUNT, payment, '')
}

/**
 * Whether a verified result post is this payment's. `hashDataV2` covers `REFERENCE_CODE` but not
 * `CLIENT_REFERENCE_CODE`, so a signed post of another payment of the same merchant, its
 * `CLIENT_REFERENCE_CODE` removed or changed, still verifies. The signed reference must be the one
 * the Payment answer gave this payment; only when the gateway holds none (the answer was lost) is
 * `CLIENT_REFERENCE_CODE` (our payment id, sent as `clientRefCode`) the tie.
 */
export function isThisPayment(params: Record<string, string>, payment: PaymentReference): boolean {
  const clientRef = params.CLIENT_REFERENCE_CODE
  if (clientRef && clientRef !== payment.paymentId) return false
  return payment.providerPaymentId
    ? params.REFERENCE_CODE === payment.providerPaymentId
    : clientRef === payment.paymentId
}

/** The shopper is back with Paynkolay's signed result post (the gateway's `state` is already removed). */
export async function completeReturn(
  ctx: ProviderContext,
  payment: PaymentReference,
  params: Record<string, string>
): Promise<PaymentOutcome> {
  const genuine = await verifyResultHash(params, settingsOf(ctx).secretKey)
  const reference = params.REFERENCE_CODE
  // Unsigned (or legacy `hashData` only), forged or another payment's: nothing in it is believed;
  // the list decides, and completes a pre-approved sale itself (see ./complete).
  if (!genuine || !reference || !isThisPayment(params, payment)) return getStatus(ctx, payment)
  const result = PaymentAnswerSchema.safeParse(params)
  if (!result.success) return getStatus(ctx, payment)
  if (result.data.RESPONSE_CODE !== '2')
    return declined(result.data, '3-D Secure was not completed.')
  const completed = await completeSale(ctx, payment, reference, result.data)
  // A refusal here may mean "already completed" (3-D sales auto-complete): the list knows, and is
  // not asked to complete the sale a second time.
  return completed === 'refused' ? getStatus(ctx, payment, { complete: false }) : completed
}
