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
  storeRecurringTokenStatement,
} from '../db/repos/payments'
import { canTransition, type PaymentStatus } from '../domain/payment-status'
import type { ProviderCall } from '../providers/call-log'
import type { PaymentOutcome } from '../providers/types'
import type { Services } from '../services'
import { type CallContext, callContext, logStatements, transitionStatements } from './records'
import { heldForReview } from './risk-review'

function targetOf(
  payment: PaymentRow,
  outcome: PaymentOutcome
): { status: PaymentStatus; changes: PaymentChanges } | undefined {
  switch (outcome.kind) {
    case 'succeeded': {
      if (amountMismatch(payment, outcome)) {
        // Money moved, but not what was asked for: a person must look before anyone ships goods.
        return {
          status: 'review',
          changes: {
            message: `The provider reports ${outcome.capturedMinor ?? outcome.amountMinor} ${outcome.currency ?? payment.currency}; review this payment.`,
          },
        }
      }
      return {
        status: heldForReview(payment, outcome.status),
        changes: {
          ...recurringChanges(payment, outcome),
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
    case 'cancelled':
      // Money that was held or taken is given back; a payment that never got that far just failed.
      return ['authorized', 'successful', 'review'].includes(payment.status)
        ? { status: 'cancelled', changes: { message: 'Cancelled at the provider.' } }
        : {
            status: 'failed',
            changes: {
              declineCode: 'not_permitted',
              message: 'The provider cancelled the charge.',
            },
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

/** The provider reports another amount or currency, or captured more than was asked for. */
export const amountMismatch = (
  payment: Pick<PaymentRow, 'amountMinor' | 'currency'>,
  outcome: Extract<PaymentOutcome, { kind: 'succeeded' }>
) =>
  (outcome.amountMinor !== undefined && outcome.amountMinor !== payment.amountMinor) ||
  (outcome.currency !== undefined && outcome.currency !== payment.currency) ||
  (outcome.capturedMinor !== undefined && outcome.capturedMinor > payment.amountMinor)

/** A stored payment method the provider reports for a payment made with `recurring: true`. */
const recurringChanges = (
  payment: PaymentRow,
  outcome: Extract<PaymentOutcome, { kind: 'succeeded' }>
): PaymentChanges =>
  outcome.recurringToken &&
  (payment.recurring === 'requested' || payment.recurring === 'active') &&
  outcome.recurringToken !== payment.recurringToken
    ? { recurring: 'active', recurringToken: outcome.recurringToken }
    : {}

/** Compare-and-set rounds before giving up to concurrent writers (each round sees a newer state). */
const MAX_ROUNDS = 3

/**
 * Returns the payment as stored afterwards (changed by this call, by a concurrent one, or not at
 * all). When another writer changes the payment first, the outcome is applied to what it left if
 * that still allows it: the provider's word about the charge holds whatever moved meanwhile (a
 * pending payment the cron marked processing still becomes successful).
 */
export async function applyOutcome(
  { db, announce }: { db: Db; announce: Services['announce'] },
  payment: PaymentRow,
  outcome: PaymentOutcome,
  log: { operation: CallContext['operation']; calls: readonly ProviderCall[] },
  now: number
): Promise<PaymentRow> {
  let logs = logStatements(
    db,
    { ...callContext(payment, log.operation), outcome: outcome.kind },
    log.calls,
    now
  )
  let current = payment
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const target = targetOf(current, outcome)
    if (
      !target ||
      target.status === current.status ||
      !canTransition(current.status, target.status)
    )
      break
    const { next, statements } = transitionStatements(
      db,
      current,
      target.status,
      target.changes,
      now
    )
    const [update] = await db.batch([...statements, ...logs])
    logs = []
    if (update.meta.changes === 1) {
      await announce(payment.tenantId, payment.id)
      return next
    }
    current = (await findPayment(db, payment.tenantId, payment.id))!
  }
  // No status change, but the provider may have stored the payment method meanwhile.
  const token = outcome.kind === 'succeeded' ? recurringChanges(current, outcome) : {}
  if (token.recurringToken) {
    const [stored] = await db.batch([
      storeRecurringTokenStatement(db, current, token.recurringToken, now),
      ...logs,
    ])
    return stored[0] ?? current
  }
  if (logs.length) await db.batch(logs as [(typeof logs)[number]])
  return current
}
