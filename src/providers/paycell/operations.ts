/**
 * @module Capture (`provision` POSTAUTH with `originalReferenceNumber`), cancel (`reverse`) and
 * refunds. Paycell reverses only until the day-end reconciliation ("İptal … aynı gün") and refunds,
 * in full or in part, only from the next day ("İade, işlemin günsonu ardından ertesi günden
 * itibaren"; paycell-api-nodejs `services/rest/RefundService.js`). A refund therefore asks
 * `inquire` first: on the sale's reconciliation day a full refund is a reverse and a partial one
 * is impossible; afterwards it is a `refund`. A PREAUTH/POSTAUTH pair has no refund, only reverse.
 */
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { type Answer, callProvision, referenceOf, settingsOf } from './client'
import { dayOf, refusalOf, SUCCESS_CODE, toPaycellAmount } from './mapping'
import { type PaymentFacts, recallPayment } from './session'
import { chargeOf, inquire, isUnsettled, refundsOf } from './status'
import { OperationAnswer, ProvisionAnswer } from './wire'

const FACTS_LOST: OperationOutcome = { kind: 'unknown', reason: 'payment_facts_missing' }

type Answered = Answer<{
  responseHeader: { responseCode: string; responseDescription?: string | null }
}>

function outcomeOf(answer: Answered, reference: string, accept: string[] = []): OperationOutcome {
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const { responseCode, responseDescription } = answer.value.responseHeader
  if (responseCode === SUCCESS_CODE || accept.includes(responseCode)) {
    return { kind: 'succeeded', providerReference: reference }
  }
  if (isUnsettled(responseCode)) return { kind: 'unknown', reason: `paycell_${responseCode}` }
  return {
    kind: 'rejected',
    reason: refusalOf(responseCode, responseDescription ?? ''),
    providerCode: responseCode,
  }
}

export async function capture(
  ctx: ProviderContext,
  payment: PaymentReference,
  amountMinor: number
): Promise<OperationOutcome> {
  const facts = await recallPayment(ctx, payment)
  if (!facts) return FACTS_LOST
  const referenceNumber = await referenceOf(ctx, 'capture', payment.paymentId)
  const answer = await callProvision(
    ctx,
    'provision',
    {
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      referenceNumber,
      originalReferenceNumber: await referenceOf(ctx, 'payment', payment.paymentId),
      amount: toPaycellAmount(amountMinor),
      currency: payment.currency,
      paymentType: 'POSTAUTH',
    },
    ProvisionAnswer,
    { clientIPAddress: facts.clientIPAddress }
  )
  return outcomeOf(answer, referenceNumber)
}

async function reverse(
  ctx: ProviderContext,
  facts: PaymentFacts,
  originalReferenceNumber: string,
  referenceNumber: string,
  accept: string[]
): Promise<OperationOutcome> {
  const answer = await callProvision(
    ctx,
    'reverse',
    {
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      originalReferenceNumber,
      referenceNumber,
    },
    OperationAnswer,
    { clientIPAddress: facts.clientIPAddress, transactionId: referenceNumber }
  )
  return outcomeOf(answer, referenceNumber, accept)
}

/**
 * Voids the payment: a sale on its day, or an authorization. Already reversed (2014) is done; no
 * such order (2013) means nothing was ever charged, which is what a void wants.
 */
export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  const facts = await recallPayment(ctx, payment)
  if (!facts) return FACTS_LOST
  const original = await referenceOf(ctx, 'payment', payment.paymentId)
  return reverse(ctx, facts, original, await referenceOf(ctx, 'cancel', payment.paymentId), [
    '2014',
    '2013',
  ])
}

export const SAME_DAY_PARTIAL =
  'Paycell refunds in part only from the day after the payment; on its day only the whole payment can be refunded (reversed).'

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const facts = await recallPayment(ctx, payment)
  if (!facts) return FACTS_LOST
  const original = await referenceOf(ctx, 'payment', payment.paymentId)
  const referenceNumber = await referenceOf(ctx, 'refund', input.refundId)
  const inquiry = await inquire(ctx, facts, original)
  if (inquiry.kind === 'unknown') return inquiry
  if (inquiry.kind === 'not_found')
    return { kind: 'rejected', reason: refusalOf('2013', ''), providerCode: '2013' }
  const { answer } = inquiry
  const reversed = answer.status === 'REVERSE' || answer.status === 'PREAUTH_REVERSE'
  // A retried refund that reached Paycell shows as its reverse, or as a refund under its transactionId.
  if (
    input.retry &&
    (reversed || refundsOf(answer).some((r) => r.transactionId === referenceNumber))
  ) {
    return { kind: 'succeeded', providerReference: referenceNumber }
  }
  if (reversed) return { kind: 'rejected', reason: refusalOf('2014', ''), providerCode: '2014' }
  const charge = chargeOf(answer)
  const sameDay = !charge?.reconciliationDate || charge.reconciliationDate >= dayOf(ctx.deps.now())
  const whole = payment.refundedMinor === 0 && input.amountMinor === payment.capturedMinor
  if (sameDay || payment.authorizeOnly) {
    if (!whole)
      return payment.authorizeOnly
        ? { kind: 'rejected', reason: refusalOf('2048', '') }
        : { kind: 'not_supported', reason: SAME_DAY_PARTIAL }
    return reverse(ctx, facts, original, referenceNumber, [])
  }
  const refunded = await callProvision(
    ctx,
    'refund',
    {
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      originalReferenceNumber: original,
      referenceNumber,
      amount: toPaycellAmount(input.amountMinor),
    },
    OperationAnswer,
    { clientIPAddress: facts.clientIPAddress, transactionId: referenceNumber }
  )
  return outcomeOf(refunded, referenceNumber)
}
