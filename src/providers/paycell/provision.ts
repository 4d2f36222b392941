/**
 * @module `provision`: SALE, PREAUTH (authorize only) and, for 3-D Secure, the same with the
 * `threeDSessionId` of a successful session. Fields as paycell-api-php `model/provisionRequest.php`
 * names them; amounts in kuruş strings. The answer is synchronous: `responseCode` "0" paid.
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { callProvision, settingsOf } from './client'
import { declineOfCode, SUCCESS_CODE, toPaycellAmount } from './mapping'
import type { PaymentFacts } from './session'
import { inquire, isUnsettled, outcomeOfInquiry } from './status'
import { ProvisionAnswer } from './wire'

export interface ProvisionOrder {
  referenceNumber: string
  amountMinor: number
  currency: string
  installmentCount: number
  /** `capture: false` is a PREAUTH. */
  authorizeOnly: boolean
  cardToken: string
  threeDSessionId?: string
}

export async function provision(
  ctx: ProviderContext,
  facts: PaymentFacts,
  order: ProvisionOrder
): Promise<PaymentOutcome> {
  const answer = await callProvision(
    ctx,
    'provision',
    {
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      referenceNumber: order.referenceNumber,
      amount: toPaycellAmount(order.amountMinor),
      currency: order.currency,
      installmentCount: order.installmentCount,
      paymentType: order.authorizeOnly ? 'PREAUTH' : 'SALE',
      cardToken: order.cardToken,
      ...(order.threeDSessionId ? { threeDSessionId: order.threeDSessionId } : {}),
    },
    ProvisionAnswer,
    { clientIPAddress: facts.clientIPAddress }
  )
  // A timeout or 5xx may come after the bank charged: the inquiry settles it.
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const { responseCode, responseDescription } = answer.value.responseHeader
  if (responseCode === SUCCESS_CODE) {
    return {
      kind: 'succeeded',
      status: order.authorizeOnly ? 'authorized' : 'successful',
      providerPaymentId: order.referenceNumber,
      amountMinor: order.amountMinor,
      currency: order.currency,
    }
  }
  if (isUnsettled(responseCode)) return { kind: 'unknown', reason: `provision_${responseCode}` }
  return {
    kind: 'declined',
    declineCode: declineOfCode(responseCode),
    message: responseDescription || 'Paycell declined the payment.',
    providerCode: responseCode,
    providerPaymentId: order.referenceNumber,
  }
}

/**
 * A 3-D Secure payment provisioned once only: when the session was already used (1023) or the
 * reference taken (2012), the payment's own inquiry says how it ended.
 */
export async function provisionOnce(
  ctx: ProviderContext,
  facts: PaymentFacts,
  payment: PaymentReference,
  order: ProvisionOrder
): Promise<PaymentOutcome> {
  const outcome = await provision(ctx, facts, order)
  const reused = outcome.kind === 'declined' && outcome.providerCode === '1023'
  if (!reused && !(outcome.kind === 'unknown' && outcome.reason === 'provision_2012'))
    return outcome
  const inquiry = await inquire(ctx, facts, order.referenceNumber)
  return inquiry.kind === 'found'
    ? outcomeOfInquiry(inquiry.answer, payment, order.referenceNumber)
    : outcome
}
