/**
 * @module The payment as the API shows it: the GoPay README's fields (`success`, `status`,
 * `paymentId`, `transactionId`, `amount` in major units, `currency`, `redirectUrl`, `message`)
 * plus the exact `amountMinor`, the captured and refunded totals, a capture or cancel the provider
 * has yet to settle, and the recurring state.
 */
import type { PaymentRow } from '../db/repos/payments'
import type { StoredRisk } from '../db/schema'
import { toMajorNumber } from '../domain/money'

const SUCCESSFUL_STATUSES = new Set([
  'successful',
  'authorized',
  'pending',
  'refunded',
  'partially_refunded',
])

export function presentPayment(row: PaymentRow) {
  return {
    success: SUCCESSFUL_STATUSES.has(row.status),
    status: row.status,
    paymentId: row.id,
    transactionId: row.providerPaymentId,
    provider: row.provider,
    environment: row.environment,
    amount: toMajorNumber(row.amountMinor, row.currency),
    amountMinor: row.amountMinor,
    currency: row.currency,
    capturedAmount: toMajorNumber(row.capturedMinor, row.currency),
    capturedAmountMinor: row.capturedMinor,
    refundedAmount: toMajorNumber(row.refundedMinor, row.currency),
    refundedAmountMinor: row.refundedMinor,
    ...(row.status === 'pending' && row.redirectUrl ? { redirectUrl: row.redirectUrl } : {}),
    ...(row.pendingOperation
      ? {
          pendingOperation: {
            type: row.pendingOperation,
            ...(row.pendingOperationMinor === null
              ? {}
              : {
                  amount: toMajorNumber(row.pendingOperationMinor, row.currency),
                  amountMinor: row.pendingOperationMinor,
                }),
          },
        }
      : {}),
    ...(row.recurring ? { recurring: row.recurring } : {}),
    ...(row.parentPaymentId ? { parentPaymentId: row.parentPaymentId } : {}),
    ...(row.message ? { message: row.message } : {}),
    ...(row.declineCode ? { declineCode: row.declineCode } : {}),
    ...(row.cardMasked ? { card: row.cardMasked } : {}),
    ...(row.cardFingerprint ? { cardFingerprint: row.cardFingerprint } : {}),
    ...(row.orderId ? { orderId: row.orderId } : {}),
    ...(row.risk ? { risk: presentRisk(row.risk) } : {}),
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }
}

/** The score as the merchant sees it; who decided a review stays in the event log. */
const presentRisk = ({
  score,
  decision,
  reasons,
  rulesVersion,
  captureOnApproval,
  review,
}: StoredRisk) => ({
  score,
  decision,
  reasons,
  rulesVersion,
  ...(captureOnApproval === undefined ? {} : { captureOnApproval }),
  ...(review
    ? { review: { decision: review.decision, at: new Date(review.at).toISOString() } }
    : {}),
})

export type PresentedPayment = ReturnType<typeof presentPayment>

/** The event a status change is announced with (the outbox row's `type`). */
export const EVENT_TYPE_OF = {
  pending: null,
  processing: 'payment.processing',
  review: 'payment.review_required',
  authorized: 'payment.authorized',
  successful: 'payment.succeeded',
  failed: 'payment.failed',
  cancelled: 'payment.cancelled',
  refunded: 'payment.refunded',
  partially_refunded: 'payment.partially_refunded',
  chargeback: 'payment.chargeback',
} as const satisfies Record<PaymentRow['status'], string | null>
