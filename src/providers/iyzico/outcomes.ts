/**
 * @module What an iyzico answer means for the payment, and the checks before it is believed:
 * the answer's `signature` (https://docs.iyzico.com/en/advanced/response-signature-validation)
 * must hold when iyzico sends one (accounts on older API versions get none), and the answer must
 * be about this payment (`conversationId`, iyzico's `paymentId`). A failure is a decline with the
 * bank's or iyzico's code mapped (`declines.ts`) and iyzico's message passed through.
 */
import type { PaymentOutcome, PaymentReference } from '../types'
import type { Failure } from './client'
import { declineCodeOf, messageOfFailure } from './declines'
import { fromIyzicoPrice, PAYMENT_STATUS_MEANING, PHASE_MEANING } from './mapping'
import { joinedSignature, type SignedValue, sameSignature } from './signing'
import { type PaymentAnswer, RefundAnswer } from './wire'

/** Answers of auth, preauth, postauth, 3-D Secure auth and retrieve. */
export const paymentSignatureValues = (a: PaymentAnswer): SignedValue[] => [
  a.paymentId,
  a.currency,
  a.basketId,
  a.conversationId,
  a.paidPrice,
  a.price,
]

/** The checkout form result. */
export const checkoutResultSignatureValues = (a: PaymentAnswer): SignedValue[] => [
  a.paymentStatus,
  a.paymentId,
  a.currency,
  a.basketId,
  a.conversationId,
  a.paidPrice,
  a.price,
  a.token,
]

/**
 * True when the answer carries no signature, or one of the given value orders signs it. (Refunds
 * have two: the docs and iyzipay-node sign `paymentId, conversationId`, iyzipay-java
 * `paymentId, price, currency, conversationId`.)
 */
export async function signatureHolds(
  secretKey: string,
  signature: string | null | undefined,
  ...orders: SignedValue[][]
): Promise<boolean> {
  if (signature === null || signature === undefined) return true
  for (const values of orders)
    if (sameSignature(await joinedSignature(secretKey, values), signature)) return true
  return false
}

/**
 * A refund answer (`/v2/payment/refund`, or `/payment/refund` for one item), believed only when its
 * signature holds in either order and it is about this payment and this refund (its id is the
 * `conversationId`); for one item also about that item and the amount asked for.
 */
export async function verifiedRefund(
  secretKey: string,
  body: Record<string, unknown>,
  expected: {
    paymentId: string
    refundId: string
    currency: string
    item?: { paymentTransactionId: string; amountMinor: number }
  }
): Promise<RefundAnswer | undefined> {
  const parsed = RefundAnswer.safeParse(body)
  if (!parsed.success) return undefined
  const { paymentId, paymentTransactionId, price, currency, conversationId } = parsed.data
  const holds = await signatureHolds(
    secretKey,
    parsed.data.signature,
    [paymentId, conversationId],
    [paymentId, price, currency, conversationId]
  )
  if (!holds || paymentId !== expected.paymentId) return undefined
  if (conversationId && conversationId !== expected.refundId) return undefined
  const { item } = expected
  if (item && paymentTransactionId && paymentTransactionId !== item.paymentTransactionId)
    return undefined
  const refunded =
    price === null || price === undefined
      ? undefined
      : fromIyzicoPrice(price, currency ?? expected.currency)
  if (item && price !== null && price !== undefined && refunded !== item.amountMinor)
    return undefined
  return parsed.data
}

export const UNVERIFIED_ANSWER = {
  kind: 'unknown',
  reason: 'the answer signature of iyzico does not verify',
} as const

export function declined(failure: Failure, providerPaymentId?: string | null): PaymentOutcome {
  return {
    kind: 'declined',
    declineCode: declineCodeOf(failure),
    message: messageOfFailure(failure),
    providerCode: failure.errorCode ?? failure.errorGroup ?? undefined,
    providerPaymentId: providerPaymentId ?? undefined,
  }
}

/** A failed payment as a retrieve reports it: its error fields when iyzico includes them. */
function failedPayment(body: Record<string, unknown>, providerPaymentId?: string | null) {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined)
  return declined(
    {
      status: 'failure',
      errorCode: text('errorCode'),
      errorGroup: text('errorGroup') ?? 'DECLINED',
      errorMessage: text('errorMessage') ?? 'iyzico reports the payment as failed.',
    },
    providerPaymentId
  )
}

/**
 * A paid payment: `phase` says sale, pre-authorization or captured pre-authorization. `price`
 * (the basket, what the gateway asked for) is cross-checked; `paidPrice` of a captured
 * pre-authorization is what was captured. Installment fees can make `paidPrice` of a sale larger
 * than `price`; the merchant's amount is `price`.
 */
export function paidOutcome(answer: PaymentAnswer, payment: PaymentReference): PaymentOutcome {
  const currency = answer.currency ?? payment.currency
  const amount = answer.price ?? answer.paidPrice
  const amountMinor =
    amount === null || amount === undefined ? undefined : fromIyzicoPrice(amount, currency)
  const status = answer.phase
    ? PHASE_MEANING[answer.phase]
    : payment.authorizeOnly
      ? 'authorized'
      : 'successful'
  const captured =
    answer.phase === 'POST_AUTH' && answer.paidPrice !== null && answer.paidPrice !== undefined
      ? fromIyzicoPrice(answer.paidPrice, currency)
      : undefined
  if (!answer.paymentId || amountMinor === undefined)
    return { kind: 'unknown', reason: 'iyzico answered success without payment id or amount' }
  return {
    kind: 'succeeded',
    status,
    providerPaymentId: answer.paymentId,
    amountMinor,
    currency,
    capturedMinor: status === 'successful' ? captured : undefined,
  }
}

/**
 * A payment answer: auth-like answers (no `paymentStatus`) are paid by being successful; a
 * retrieve says where the payment is. `CALLBACK_THREEDS` is left to the caller (`status.ts`).
 */
export function outcomeOfPayment(
  answer: PaymentAnswer,
  body: Record<string, unknown>,
  payment: PaymentReference
): PaymentOutcome {
  if (!answer.paymentStatus) return paidOutcome(answer, payment)
  switch (PAYMENT_STATUS_MEANING[answer.paymentStatus]) {
    case 'paid':
      return paidOutcome(answer, payment)
    case 'failed':
      return failedPayment(body, answer.paymentId)
    case 'waiting':
    case 'callback':
      return {
        kind: 'pending',
        redirectUrl: '',
        providerPaymentId: payment.providerPaymentId ?? answer.paymentId ?? null,
      }
  }
}
