/**
 * @module The shopper's return to `callbackUrl`:
 * - after 3-D Secure the bank's page posts `status`, `paymentId`, `conversationData`,
 *   `conversationId`, `mdStatus` and `signature`. The signature (`signing.ts`) and the payment id
 *   are checked first, then `mdStatus`: only `status=success` with `mdStatus=1` is completed with
 *   `/payment/3dsecure/auth`; any other value is failed authentication and nothing is charged
 *   (https://docs.iyzico.com/en/payment-methods/direct-charge/3ds/3ds-implementation). A return
 *   that does not verify is not believed: iyzico is asked instead (`status.ts`).
 * - after the checkout form iyzico posts the form's `token`; the result is read with
 *   `/payment/iyzipos/checkoutform/auth/ecom/detail` and decides
 *   (https://docs.iyzico.com/en/payment-methods/direct-charge/checkoutform/cf-implementation).
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { isRateLimited } from './declines'
import { isMdStatus, MD_STATUS_MEANING } from './mapping'
import { checkoutResultSignatureValues, declined, outcomeOfPayment } from './outcomes'
import { callForPayment, completeThreeDS, RATE_LIMITED } from './payment-calls'
import { checkoutFormRetrieveBody } from './requests'
import { joinedSignature, sameSignature } from './signing'
import { paymentStatus } from './status'

/** The fields of a 3-D Secure return, in the order its signature joins them. */
export const THREEDS_RETURN_FIELDS = [
  'conversationData',
  'conversationId',
  'mdStatus',
  'paymentId',
  'status',
] as const

export const threeDSReturnSignature = (secretKey: string, params: Record<string, string>) =>
  joinedSignature(
    secretKey,
    THREEDS_RETURN_FIELDS.map((field) => params[field] ?? '')
  )

async function returnFromBank(
  ctx: ProviderContext,
  payment: PaymentReference,
  params: Record<string, string>
): Promise<PaymentOutcome> {
  const expected = await threeDSReturnSignature(ctx.config.secretKey ?? '', params)
  const genuine =
    sameSignature(expected, params.signature) &&
    params.paymentId === payment.providerPaymentId &&
    (!params.conversationId || params.conversationId === payment.paymentId)
  if (!genuine) return paymentStatus(ctx, payment)
  const mdStatus = params.mdStatus ?? ''
  if (params.status !== 'success' || mdStatus !== '1') {
    return {
      kind: 'declined',
      declineCode: 'authentication_failed',
      message: `3-D Secure was not completed: ${isMdStatus(mdStatus) ? MD_STATUS_MEANING[mdStatus] : `status ${params.status}`}.`,
      providerCode: `mdStatus:${mdStatus}`,
      providerPaymentId: params.paymentId,
    }
  }
  return completeThreeDS(ctx, payment, params.paymentId!, params.conversationData)
}

async function returnFromCheckoutForm(
  ctx: ProviderContext,
  payment: PaymentReference,
  token: string
): Promise<PaymentOutcome> {
  // The token comes from the browser: only the form opened for this payment is read.
  if (token !== payment.providerPaymentId) return paymentStatus(ctx, payment)
  const call = await callForPayment(
    ctx,
    payment,
    {
      path: '/payment/iyzipos/checkoutform/auth/ecom/detail',
      body: checkoutFormRetrieveBody(ctx, payment, token),
    },
    checkoutResultSignatureValues
  )
  if (call.kind === 'unknown') return call
  if (call.kind === 'failure') {
    if (isRateLimited(call.failure)) return RATE_LIMITED
    const known = await paymentStatus(ctx, payment)
    return known.kind === 'succeeded' ? known : declined(call.failure)
  }
  if (call.answer.token && call.answer.token !== token)
    return { kind: 'unknown', reason: 'iyzico answered about another checkout form' }
  // A form result always says how the payment stands; without `paymentStatus` nothing is paid yet.
  if (!call.answer.paymentStatus) return paymentStatus(ctx, payment)
  return outcomeOfPayment(call.answer, call.body, payment)
}

export function completeReturn(
  ctx: ProviderContext,
  payment: PaymentReference,
  params: Record<string, string>
): Promise<PaymentOutcome> {
  if (params.token && !params.mdStatus) return returnFromCheckoutForm(ctx, payment, params.token)
  return returnFromBank(ctx, payment, params)
}
