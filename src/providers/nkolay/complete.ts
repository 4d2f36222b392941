/**
 * @module CompletePayment (`sx` + `referenceCode`, spec `completePayment`) and what makes a payment
 * paid. A 3-D sale the bank approved is only a "pre-approval" until it is completed
 * (paynkolay.com.tr/entegrasyon/donus-parametreleri); PaymentList shows it as `STATUS` NEW until
 * then ("complete payment method not called", en/10-verification-service). The return completes
 * it with a believed result post; the status query completes it when the post never came or was
 * not believed (unsigned, legacy `hashData` only, another payment's).
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { PATHS, postPlain, readAnswer, settingsOf } from './client'
import { fromNkolayAmount, isAuthCode } from './mapping'
import { type PaymentAnswer, PaymentAnswer as PaymentAnswerSchema } from './wire'

/** Paid: `RESPONSE_CODE` 2, a real auth code, and at least the amount asked (more: installment surcharge). */
export function paidOutcome(
  answer: PaymentAnswer,
  authCode: string | undefined,
  authorizedAmount: string | undefined,
  payment: { amountMinor: number; currency: string; authorizeOnly: boolean },
  reference: string
): PaymentOutcome {
  if (!isAuthCode(authCode)) return { kind: 'unknown', reason: 'approved_without_auth_code' }
  const authorized = fromNkolayAmount(authorizedAmount, payment.currency)
  return {
    kind: 'succeeded',
    status: payment.authorizeOnly ? 'authorized' : 'successful',
    providerPaymentId: answer.REFERENCE_CODE || reference,
    amountMinor:
      authorized !== undefined && authorized < payment.amountMinor
        ? authorized
        : payment.amountMinor,
    currency: payment.currency,
  }
}

/**
 * Completes the sale `reference`. Answers the payment's outcome, or `refused` when Paynkolay does
 * not complete it (3-D not done, already completed, unknown reference): the list then decides.
 * `posted` is what a believed result post said, used when the answer leaves a field out.
 */
export async function completeSale(
  ctx: ProviderContext,
  payment: PaymentReference,
  reference: string,
  posted: { AUTH_CODE?: string; AUTHORIZATION_AMOUNT?: string } = {}
): Promise<PaymentOutcome | 'refused'> {
  const sent = await postPlain(ctx, PATHS.complete, [
    ['sx', settingsOf(ctx).sx],
    ['referenceCode', reference],
  ])
  const read = readAnswer(sent, PaymentAnswerSchema)
  if (!read.ok) return { kind: 'unknown', reason: read.reason }
  const answer = read.value
  if (answer.RESPONSE_CODE !== '2') return 'refused'
  return paidOutcome(
    answer,
    answer.AUTH_CODE || posted.AUTH_CODE,
    answer.AUTHORIZATION_AMOUNT || posted.AUTHORIZATION_AMOUNT,
    payment,
    reference
  )
}
