/**
 * @module Applying what a provider says about an existing payment (after a 3-D Secure return or a
 * status query): cross-check amount and currency, choose the new status, and move the payment
 * there once, by compare-and-set, with its event and provider log in the same batch.
 */
import type { Db } from '../db/client'
import {
  findPayment,
  type PaymentChanges,
  type PaymentRow,
  transitionStatement,
} from '../db/repos/payments'
import { canTransition, type PaymentStatus } from '../domain/payment-status'
import type { Services } from '../http/services'
import type { ProviderCall } from '../providers/call-log'
import type { PaymentOutcome } from '../providers/types'
import { type CallContext, callContext, logStatements, statusEventStatements } from './records'

function targetOf(
  payment: PaymentRow,
  outcome: PaymentOutcome
): { status: PaymentStatus; changes: PaymentChanges } | undefined {
  switch (outcome.kind) {
    case 'succeeded': {
      const mismatch =
        (outcome.amountMinor !== undefined && outcome.amountMinor !== payment.amountMinor) ||
        (outcome.currency !== undefined && outcome.currency !== payment.currency)
      if (mismatch) {
        // Money moved, but not what was asked for: a person must look before anyone ships goods.
        return {
          status: 'review',
          changes: {
            message: `The provider reports ${outcome.amountMinor} ${outcome.currency}; review this payment.`,
          },
        }
      }
      return {
        status: outcome.status,
        changes: {
          providerPaymentId: outcome.providerPaymentId,
          capturedMinor:
            outcome.status === 'successful'
              ? (outcome.capturedMinor ?? payment.amountMinor)
              : payment.capturedMinor,
          message: null,
        },
      }
    }
    case 'declined':
      return {
        status: 'failed',
        changes: { declineCode: outcome.declineCode, message: outcome.message },
      }
    case 'unknown':
      return payment.status === 'pending'
        ? {
            status: 'processing',
            changes: { message: 'The provider did not answer; the final status will follow.' },
          }
        : undefined
    case 'pending':
    case 'not_supported':
      return undefined
  }
}

/** Returns the payment as stored afterwards (changed by this call, by a concurrent one, or not at all). */
export async function applyOutcome(
  { db, announce }: { db: Db; announce: Services['announce'] },
  payment: PaymentRow,
  outcome: PaymentOutcome,
  log: { operation: CallContext['operation']; calls: readonly ProviderCall[] },
  now: number
): Promise<PaymentRow> {
  const target = targetOf(payment, outcome)
  const logs = logStatements(
    db,
    { ...callContext(payment, log.operation), outcome: outcome.kind },
    log.calls,
    now
  )
  if (
    !target ||
    target.status === payment.status ||
    !canTransition(payment.status, target.status)
  ) {
    if (logs.length) await db.batch(logs as [(typeof logs)[number]])
    return payment
  }
  const next: PaymentRow = {
    ...payment,
    ...target.changes,
    status: target.status,
    version: payment.version + 1,
    updatedAt: now,
  }
  const [update] = await db.batch([
    transitionStatement(db, payment, target.status, target.changes, now),
    ...statusEventStatements(db, next, now),
    ...logs,
  ])
  if (update.meta.changes === 1) {
    await announce(payment.tenantId, payment.id)
    return next
  }
  // Someone else changed it first (and its own event says so): answer with the current state.
  return (await findPayment(db, payment.tenantId, payment.id))!
}
