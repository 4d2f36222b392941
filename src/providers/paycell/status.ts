/**
 * @module `inquire`: the payment under our own `referenceNumber` (`originalReferenceNumber`), its
 * latest state (`status`) and its history (`provisionList`). "Provision servisine herhangi bir
 * teknik arıza sebebiyle cevap dönülememesi sonrasında … işlemin sonucu inquire ile
 * sorgulanabilir" (paycell-api-nodejs `services/rest/InquireService.js`): a lost create answer is
 * settled by it. Its own `referenceNumber` is used once: the merchant's prefix and 17 digits of the
 * call's `transactionId`.
 */
import type { PaymentOutcome, PaymentReference, ProviderContext } from '../types'
import { callProvision, oneOffReference, settingsOf } from './client'
import {
  fromPaycellAmount,
  isProvisionType,
  type ProvisionType,
  STATE_OF_STATUS,
  SUCCESS_CODE,
  UNSETTLED_CODES,
} from './mapping'
import type { PaymentFacts } from './session'
import { InquireAnswer, type ProvisionEntry } from './wire'

export type Inquiry =
  | { kind: 'found'; answer: InquireAnswer }
  | { kind: 'not_found' }
  | { kind: 'unknown'; reason: string }

/** Paycell's "Order is not found". */
export const ORDER_NOT_FOUND = '2013'

export async function inquire(
  ctx: ProviderContext,
  facts: PaymentFacts,
  originalReferenceNumber: string
): Promise<Inquiry> {
  const answer = await callProvision(
    ctx,
    'inquire',
    (transactionId) => ({
      merchantCode: settingsOf(ctx).merchantCode,
      msisdn: facts.msisdn,
      originalReferenceNumber,
      referenceNumber: oneOffReference(ctx, transactionId),
    }),
    InquireAnswer,
    { clientIPAddress: facts.clientIPAddress }
  )
  if (!answer.ok) return { kind: 'unknown', reason: answer.reason }
  const code = answer.value.responseHeader.responseCode
  if (code === SUCCESS_CODE) return { kind: 'found', answer: answer.value }
  if (code === ORDER_NOT_FOUND) return { kind: 'not_found' }
  return { kind: 'unknown', reason: `inquire_${code}` }
}

/** Entries of the listed types; one of a type Paycell did not document never matches. */
const entriesOf = (answer: InquireAnswer, ...types: ProvisionType[]): ProvisionEntry[] =>
  (answer.provisionList ?? []).filter((entry) =>
    (types as readonly string[]).includes(entry.provisionType)
  )

/** The money movement a refund or reverse acts on: the sale, or the capture of an authorization. */
export const chargeOf = (answer: InquireAnswer) => entriesOf(answer, 'SALE', 'POSTAUTH')[0]

export const refundsOf = (answer: InquireAnswer) => entriesOf(answer, 'REFUND')

/**
 * What the inquiry says of the payment. Without `status`, the newest entry of a known type stands
 * in; a `status` outside the documented list is not guessed at: the outcome stays unknown.
 */
export function outcomeOfInquiry(
  answer: InquireAnswer,
  payment: PaymentReference,
  referenceNumber: string
): PaymentOutcome {
  const status =
    answer.status ??
    answer.provisionList?.find((entry) => isProvisionType(entry.provisionType))?.provisionType
  if (!status) return { kind: 'unknown', reason: 'inquire_without_status' }
  if (!isProvisionType(status)) {
    return { kind: 'unknown', reason: `inquire_status_${status.replace(/\W/g, '_').slice(0, 40)}` }
  }
  const state = STATE_OF_STATUS[status]
  if (state === 'cancelled') return { kind: 'cancelled', providerPaymentId: referenceNumber }
  const authorized = entriesOf(answer, 'SALE', 'PREAUTH')[0]
  const captured = entriesOf(answer, 'POSTAUTH')[0]
  const amountMinor = fromPaycellAmount(authorized?.amount ?? undefined)
  const capturedMinor =
    state === 'successful' ? fromPaycellAmount(captured?.amount ?? undefined) : undefined
  return {
    kind: 'succeeded',
    status: state,
    providerPaymentId: referenceNumber,
    ...(amountMinor === undefined ? {} : { amountMinor, currency: payment.currency }),
    ...(capturedMinor === undefined ? {} : { capturedMinor }),
  }
}

export const isUnsettled = (code: string) => UNSETTLED_CODES.has(code)
