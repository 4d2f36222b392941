/**
 * @module What a verified provider notification does to its payment, by kind of change: a refund
 * is booked once (or settles the gateway's own refund whose answer never came), a dispute becomes
 * a chargeback, a capture, cancel or refund the provider had accepted and then did not carry out
 * gives the payment back its state, and a stored payment method makes a recurring payment active.
 * Events may arrive out of order: a refund or a dispute for a payment still pending here means it
 * was captured first.
 */
import type { Db } from '../db/client'
import {
  bookRefundStatement,
  endPendingOperationStatement,
  failRefundStatements,
  findPayment,
  insertRefund,
  type PaymentRow,
  releaseRefund,
  reserveRefund,
  storeRecurringTokenStatement,
} from '../db/repos/payments'
import { findRefund, findRefundByProviderId } from '../db/repos/provider-notifications'
import { isId, newId } from '../domain/ids'
import { canTransition, isRefundable } from '../domain/payment-status'
import type { WebhookChange } from '../providers/types'
import type { Services } from '../services'
import { applyOutcome } from './apply-outcome'
import {
  eventIfChangedStatement,
  OPERATION_FAILED_EVENTS,
  refundEventStatement,
  refundSettledStatements,
  transitionStatements,
} from './records'

type ChangeServices = Pick<Services, 'db' | 'now' | 'announce'>

/**
 * A refund or dispute on a payment still pending here means the capture happened first. A payment
 * in review stays there: its amount did not match, and only a person may call it successful.
 */
async function ensureCaptured(services: ChangeServices, payment: PaymentRow): Promise<PaymentRow> {
  if (!['pending', 'processing', 'authorized'].includes(payment.status)) return payment
  return applyOutcome(
    services,
    payment,
    { kind: 'succeeded', status: 'successful', providerPaymentId: payment.providerPaymentId ?? '' },
    { operation: 'status', calls: [] },
    services.now()
  )
}

/**
 * What became of a reported refund: booked (or already known), recorded for a person, or not yet
 * (our refund row does not exist yet because the notification overtook the API call, or the
 * payment was moving under us), in which case the provider is asked to retry.
 */
export type RefundBooking = 'refund' | 'refund_needs_review' | 'refund_not_yet' | 'payment_busy'

/**
 * Books a refund the provider reports. One made through the gateway (its reference is our refund
 * id) was booked when the provider answered, unless that answer never came or was only an
 * acknowledgement (`processing`): only then is it settled here.
 */
export async function bookRefund(
  services: ChangeServices,
  payment: PaymentRow,
  change: Extract<WebhookChange, { kind: 'refund' }>
): Promise<RefundBooking> {
  const { db, now } = services
  const tenantId = payment.tenantId
  const ours = await refundOfChange(db, tenantId, change.reference, change.providerRefundId)
  if (ours === 'not_yet') return 'refund_not_yet'
  if (ours) {
    if (ours.status !== 'processing') return 'refund'
    const at = now()
    await db.batch(refundSettledStatements(db, payment, ours, change.providerRefundId ?? null, at))
    await services.announce(tenantId, payment.id)
    return 'refund'
  }
  const current = await ensureCaptured(services, payment)
  if (!(await reserveRefund(db, tenantId, payment.id, change.amountMinor))) {
    const latest = (await findPayment(db, tenantId, payment.id))!
    if (['pending', 'processing', 'authorized'].includes(latest.status)) return 'payment_busy'
    // A refund or a cancel through the gateway is under way and holds the amount: once it ends,
    // the provider's retry finds room, or a payment that is no longer refundable.
    if (isRefundable(latest.status) && latest.refundReservedMinor > latest.refundedMinor)
      return 'payment_busy'
    // Review, more than was captured, or a payment that never took money: the notification is
    // kept with its raw body, and the state is left for a person rather than guessed.
    console.warn(
      JSON.stringify({
        event: 'refund_notification_not_booked',
        paymentId: payment.id,
        status: latest.status,
      })
    )
    return 'refund_needs_review'
  }
  const at = now()
  await db.batch([
    bookRefundStatement(db, tenantId, payment.id, change.amountMinor, at),
    insertRefund(db, {
      id: newId('refund', at),
      tenantId,
      paymentId: payment.id,
      amountMinor: change.amountMinor,
      status: 'succeeded',
      providerRefundId: change.providerRefundId ?? null,
      reason: 'Refunded at the provider.',
      createdAt: at,
      updatedAt: at,
    }),
    refundEventStatement(db, current, at),
  ])
  await services.announce(tenantId, payment.id)
  return 'refund'
}

/**
 * The gateway's own refund a notification is about: by our refund id (`not_yet` when the
 * notification overtook the API call that will store it), or by the provider's refund id.
 */
async function refundOfChange(
  db: Db,
  tenantId: string,
  reference: string | undefined,
  providerRefundId: string | undefined
) {
  if (reference && isId('refund', reference))
    return (await findRefund(db, tenantId, reference)) ?? ('not_yet' as const)
  return providerRefundId ? findRefundByProviderId(db, tenantId, providerRefundId) : undefined
}

export async function applyChargeback(services: ChangeServices, payment: PaymentRow) {
  const current = await ensureCaptured(services, payment)
  if (!canTransition(current.status, 'chargeback')) return
  const { db, now } = services
  const changes = { message: 'The card holder disputed this payment.' }
  const { statements } = transitionStatements(db, current, 'chargeback', changes, now())
  const [update] = await db.batch(statements)
  if (update.meta.changes === 1) await services.announce(payment.tenantId, payment.id)
}

/**
 * A capture, cancel or refund the provider had accepted did not happen. A pending capture or
 * cancel ends with the payment as it was (a cancel of a captured payment gives back the amount it
 * held against refunds); a refund still `processing` fails and its amount is free again. The
 * merchant hears of it either way. Anything else (already settled, never ours) changes nothing.
 */
export async function applyOperationFailed(
  services: ChangeServices,
  payment: PaymentRow,
  change: Extract<WebhookChange, { kind: 'operation_failed' }>
): Promise<RefundBooking | 'operation_failed'> {
  const { db } = services
  const at = services.now()
  const message = `The provider did not carry out the ${change.operation}: ${change.reason}`
  if (change.operation === 'refund') {
    const ours = await refundOfChange(
      db,
      payment.tenantId,
      change.reference,
      change.providerReference
    )
    if (ours === 'not_yet') return 'refund_not_yet'
    if (ours?.status !== 'processing') return 'operation_failed'
    const [released] = await db.batch([
      ...failRefundStatements(db, ours, message, at),
      eventIfChangedStatement(db, payment, OPERATION_FAILED_EVENTS.refund, at),
    ])
    if (released.meta.changes === 1) await services.announce(payment.tenantId, payment.id)
    return 'operation_failed'
  }
  if (payment.pendingOperation !== change.operation) return 'operation_failed'
  const [ended] = await db.batch([
    endPendingOperationStatement(db, payment, change.operation, message, at),
    eventIfChangedStatement(
      db,
      { ...payment, pendingOperation: null, pendingOperationMinor: null, message },
      OPERATION_FAILED_EVENTS[change.operation],
      at
    ),
  ])
  if (ended.length === 0) return 'operation_failed'
  if (
    change.operation === 'cancel' &&
    payment.pendingOperationMinor &&
    isRefundable(payment.status)
  )
    await releaseRefund(db, payment.tenantId, payment.id, payment.pendingOperationMinor)
  await services.announce(payment.tenantId, payment.id)
  return 'operation_failed'
}

export async function storeRecurringToken(
  services: ChangeServices,
  payment: PaymentRow,
  token: string
) {
  await storeRecurringTokenStatement(services.db, payment, token, services.now()).run()
}
