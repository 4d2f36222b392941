/**
 * @module How a Paycell payment ended: on the shopper's return (or a status query, since the
 * shopper may never come back) `getThreeDSessionResult` decides and `provision` with the
 * `threeDSessionId` charges; otherwise `inquire` by our own reference number.
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { referenceOf } from './client'
import { provisionOnce } from './provision'
import { type PaymentFacts, recallPayment } from './session'
import { inquire, outcomeOfInquiry } from './status'
import { sessionResult } from './three-d'

/** Charges a 3-D Secure payment whose session the bank authenticated. */
async function completeSession(
  ctx: ProviderContext,
  payment: PaymentReference,
  facts: PaymentFacts & { threeDSessionId: string; cardToken: string },
  referenceNumber: string,
  { shopperIsBack }: { shopperIsBack: boolean }
): Promise<PaymentOutcome> {
  const result = await sessionResult(ctx, facts)
  if (result.kind === 'unknown') return result
  if (result.kind === 'not_authenticated') {
    // Until the shopper is back, the bank's page may still be open.
    if (!shopperIsBack)
      return { kind: 'pending', redirectUrl: '', providerPaymentId: referenceNumber }
    return {
      kind: 'declined',
      declineCode: 'authentication_failed',
      message: result.message,
      providerCode: result.code,
      providerPaymentId: referenceNumber,
    }
  }
  return provisionOnce(ctx, facts, payment, {
    referenceNumber,
    amountMinor: payment.amountMinor,
    currency: payment.currency,
    // The count the session was opened with: Paycell's 3-D check covers the whole order.
    installmentCount: facts.installmentCount ?? 0,
    authorizeOnly: payment.authorizeOnly,
    cardToken: facts.cardToken,
    threeDSessionId: facts.threeDSessionId,
  })
}

const withSession = (facts: PaymentFacts) =>
  facts.threeDSessionId && facts.cardToken
    ? { ...facts, threeDSessionId: facts.threeDSessionId, cardToken: facts.cardToken }
    : undefined

const FACTS_LOST: PaymentOutcome = { kind: 'unknown', reason: 'payment_facts_missing' }

export async function completeReturn(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  const facts = await recallPayment(ctx, payment)
  const session = facts && withSession(facts)
  if (!session) return FACTS_LOST
  const referenceNumber = await referenceOf(ctx, 'payment', payment.paymentId)
  return completeSession(ctx, payment, session, referenceNumber, { shopperIsBack: true })
}

/**
 * The payment by our own reference. Not at Paycell: a 3-D Secure payment whose session succeeded
 * is charged now (the shopper need not come back), one still at the bank is pending, and a payment
 * without a session never reached Paycell's provision, so nothing was charged.
 */
export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  const facts = await recallPayment(ctx, payment)
  if (!facts) return FACTS_LOST
  const referenceNumber = await referenceOf(ctx, 'payment', payment.paymentId)
  const inquiry = await inquire(ctx, facts, referenceNumber)
  if (inquiry.kind === 'unknown') return inquiry
  if (inquiry.kind === 'found') return outcomeOfInquiry(inquiry.answer, payment, referenceNumber)
  const session = withSession(facts)
  if (session)
    return completeSession(ctx, payment, session, referenceNumber, { shopperIsBack: false })
  return {
    kind: 'declined',
    declineCode: 'processing_error',
    message: 'Paycell has no payment under this reference: the provision never reached it.',
    providerCode: '2013',
  }
}
