/**
 * @module The payment as iyzico reports it: `POST /payment/detail` by iyzico's `paymentId` when
 * the gateway has it, and always by `paymentConversationId` (the gateway's payment id), so a
 * payment whose create answer was lost is found too
 * (https://docs.iyzico.com/en/payment-methods/direct-charge/non-3ds/non-3ds-implementation;
 * iyzipay-node `lib/requests/RetrievePaymentRequest.js`).
 *
 * Two cases need more than a reading:
 * - `CALLBACK_THREEDS`: the bank answered 3-D Secure but the shopper never came back to complete
 *   it. With `mdStatus` 1 the payment is completed here (`/payment/3dsecure/auth`), as the
 *   shopper's return would have; any other `mdStatus` is failed authentication.
 * - a checkout form (its reference is the form's token until it is paid): iyzico has no payment
 *   for the conversation until the shopper pays, and a failed attempt leaves the form open for
 *   another card, so only a paid payment settles it; the shopper's return or the form's expiry
 *   ends it otherwise.
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { isMdStatus, PAYMENT_STATUS_MEANING } from './mapping'
import { outcomeOfPayment } from './outcomes'
import { completeThreeDS, retrievePayment } from './payment-calls'

/** iyzico's payment ids are numbers; a checkout form's token is not. */
export const isIyzicoPaymentId = (reference: string | null | undefined): reference is string =>
  typeof reference === 'string' && /^\d+$/.test(reference)

export const isCheckoutForm = (payment: PaymentReference) =>
  payment.providerPaymentId !== null && !isIyzicoPaymentId(payment.providerPaymentId)

export async function paymentStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  const known = isIyzicoPaymentId(payment.providerPaymentId) ? payment.providerPaymentId : undefined
  const checkoutForm = isCheckoutForm(payment)
  const open: PaymentOutcome = {
    kind: 'pending',
    redirectUrl: '',
    providerPaymentId: payment.providerPaymentId,
  }
  const call = await retrievePayment(ctx, payment, known)
  if (call.kind === 'unknown') return call
  if (call.kind === 'failure') {
    return checkoutForm
      ? open
      : {
          kind: 'unknown',
          reason: `iyzico has no payment for this conversation (${call.failure.errorCode ?? 'no code'})`,
        }
  }
  const { answer, body } = call
  if (known && answer.paymentId && answer.paymentId !== known)
    return { kind: 'unknown', reason: 'iyzico answered about another payment' }
  const meaning = answer.paymentStatus ? PAYMENT_STATUS_MEANING[answer.paymentStatus] : 'paid'
  if (checkoutForm && meaning !== 'paid') return open
  if (meaning === 'callback' && answer.paymentId) {
    const mdStatus = String(answer.mdStatus ?? '')
    if (mdStatus === '1') return completeThreeDS(ctx, payment, answer.paymentId)
    if (isMdStatus(mdStatus))
      return {
        kind: 'declined',
        declineCode: 'authentication_failed',
        message: '3-D Secure was not completed.',
        providerCode: `mdStatus:${mdStatus}`,
        providerPaymentId: answer.paymentId,
      }
  }
  return outcomeOfPayment(answer, body, payment)
}
