/**
 * @module Papara's nearest thing to a void. The checkout API cannot cancel a payment, but Papara
 * deletes a payment nobody paid one hour after it was made (node SDK README "Payments"), and never
 * a paid one. So a payment still waiting (or no longer found) once that hour is over can no longer
 * be paid: `cancel` answers `succeeded` then, which is what lets reconciliation fail an abandoned
 * payment. Before the hour it is refused with the time it lapses; a paid payment cannot be voided
 * at all (refund it).
 */
import type { OperationOutcome, PaymentReference, ProviderContext } from '../types'
import { STATUS_MEANING } from './mapping'
import { paymentOf } from './outcomes'
import { lookUp } from './payments'

/** Papara's hour, plus five minutes for the create call and the two clocks. */
export const UNPAID_LIFETIME_MS = 65 * 60 * 1000

/** The error Papara answers for a payment it does not find (its "bad parameters" code). */
const NOT_FOUND_CODE = 998

export async function cancel(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<OperationOutcome> {
  const id = payment.providerPaymentId
  const answer = await lookUp(ctx, payment)
  const lapsesAt =
    payment.createdAt === undefined ? undefined : payment.createdAt + UNPAID_LIFETIME_MS
  const lapsed = lapsesAt !== undefined && ctx.deps.now() >= lapsesAt
  if (answer.kind === 'unknown') return answer
  if (answer.kind === 'error') {
    // Only unpaid payments are deleted: one Papara made (we hold its id) and no longer finds lapsed.
    if (id && lapsed && answer.code === NOT_FOUND_CODE) return { kind: 'succeeded' }
    return { kind: 'unknown', reason: `papara_${answer.code ?? answer.status}` }
  }
  const found = paymentOf(answer.data)
  if (!found) return { kind: 'unknown', reason: 'unreadable_payment' }
  if (STATUS_MEANING[found.status] !== 'pending')
    return {
      kind: 'not_supported',
      reason: 'Papara cannot void a paid payment; refund it instead.',
    }
  if (lapsed) return { kind: 'succeeded' }
  return {
    kind: 'rejected',
    reason:
      'Papara cannot cancel a payment; an unpaid one lapses an hour after it was made' +
      (lapsesAt === undefined ? '.' : ` (at ${new Date(lapsesAt).toISOString()}).`),
    providerCode: 'status_0',
  }
}
