/**
 * @module 3-D Secure: `getThreeDSession` (`target` MERCHANT; `transactionType` "AUTH, PREAUTH",
 * paycell-api-java `GetThreeDSessionRequestFactory.java`: PREAUTH for an authorize-only payment),
 * the shopper's form post to payment management's `threeDSecure`, and `getThreeDSessionResult`,
 * which alone decides: the return to `callbackurl` carries nothing signed. Success is
 * `threeDOperationResult.threeDResult` "0" (the samples poll for exactly that). Neither session call
 * carries a `referenceNumber`: it is for fuel payments only, "normal ödeme işlemlerinde
 * gönderilmez" (paycell-api-java `GetThreeDSessionResultRequestFactory.java`), and the Node
 * `ThreeDSecureService.js` sends none.
 */
import type { ProviderContext, ShopperPage } from '../types'
import { callProvision, paymentManagementUrl, settingsOf } from './client'
import { SUCCESS_CODE, toPaycellAmount } from './mapping'
import type { PaymentFacts } from './session'
import { ThreeDResultAnswer, ThreeDSessionAnswer } from './wire'

export type SessionStart =
  | { ok: true; threeDSessionId: string }
  | { ok: false; reason: string; code?: string; message?: string }

export async function startSession(
  ctx: ProviderContext,
  facts: PaymentFacts,
  order: {
    amountMinor: number
    cardToken: string
    installmentCount: number
    /** `capture: false`: the session is for a PREAUTH provision. */
    authorizeOnly: boolean
  }
): Promise<SessionStart> {
  const answer = await callProvision(
    ctx,
    'getThreeDSession',
    {
      amount: toPaycellAmount(order.amountMinor),
      cardToken: order.cardToken,
      installmentCount: order.installmentCount,
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      target: 'MERCHANT',
      transactionType: order.authorizeOnly ? 'PREAUTH' : 'AUTH',
    },
    ThreeDSessionAnswer,
    { clientIPAddress: facts.clientIPAddress }
  )
  if (!answer.ok) return answer
  const { responseCode, responseDescription } = answer.value.responseHeader
  const threeDSessionId = answer.value.threeDSessionId
  if (responseCode !== SUCCESS_CODE || !threeDSessionId) {
    return { ok: false, reason: 'refused', code: responseCode, message: responseDescription ?? '' }
  }
  return { ok: true, threeDSessionId }
}

/**
 * The form the gateway serves the shopper. The Paycell docs' sample names the return field
 * `callbackurl`; the SDK samples' pages post `callbackUrl`: both are sent, with the same value.
 */
export const threeDSecurePage = (
  ctx: ProviderContext,
  threeDSessionId: string,
  returnUrl: string
): ShopperPage => ({
  kind: 'form',
  action: paymentManagementUrl(ctx, 'threeDSecure'),
  method: 'POST',
  fields: { threeDSessionId, callbackurl: returnUrl, callbackUrl: returnUrl },
})

export type SessionResult =
  | { kind: 'authenticated' }
  | { kind: 'not_authenticated'; message: string; code: string }
  | { kind: 'unknown'; reason: string }

export async function sessionResult(
  ctx: ProviderContext,
  facts: PaymentFacts & { threeDSessionId: string }
): Promise<SessionResult> {
  const answer = await callProvision(
    ctx,
    'getThreeDSessionResult',
    {
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      threeDSessionId: facts.threeDSessionId,
    },
    ThreeDResultAnswer,
    { clientIPAddress: facts.clientIPAddress }
  )
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const { responseCode, responseDescription } = answer.value.responseHeader
  const result = answer.value.threeDOperationResult
  if (responseCode === SUCCESS_CODE && result?.threeDResult === '0')
    return { kind: 'authenticated' }
  return {
    kind: 'not_authenticated',
    code: responseCode === SUCCESS_CODE ? `3D_${result?.threeDResult ?? ''}` : responseCode,
    message:
      result?.threeDResultDescription ?? responseDescription ?? '3-D Secure was not completed.',
  }
}
