/**
 * @module Payments and their refunds. Every query takes the tenant first; every status change is a
 * compare-and-set on the status it was read in, bumping `version`.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import { type PaymentStatus, REFUNDABLE_STATUSES } from '../../domain/payment-status'
import { type Db, preparedOnce } from '../client'
import { payments, refunds, type StoredRisk } from '../schema'

export type PaymentRow = typeof payments.$inferSelect
export type RefundRow = typeof refunds.$inferSelect

const paymentById = preparedOnce((db) =>
  db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, sql.placeholder('tenantId')),
        eq(payments.id, sql.placeholder('id'))
      )
    )
    .prepare()
)

/** Read by every status request, so prepared once. */
export const findPayment = (db: Db, tenantId: string, id: string) =>
  paymentById(db).get({ tenantId, id })

export const insertPayment = (db: Db, row: PaymentRow) => db.insert(payments).values(row)

export interface PaymentFilter {
  provider?: string
  status?: PaymentStatus
  environment?: 'test' | 'production'
  /** Id of the last payment of the previous page (ids sort by creation time). */
  before?: string
  limit: number
}

export const listPayments = (db: Db, tenantId: string, filter: PaymentFilter) =>
  db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.tenantId, tenantId),
        filter.provider ? eq(payments.provider, filter.provider) : undefined,
        filter.status ? eq(payments.status, filter.status) : undefined,
        filter.environment ? eq(payments.environment, filter.environment) : undefined,
        filter.before ? lt(payments.id, filter.before) : undefined
      )
    )
    .orderBy(desc(payments.id))
    .limit(filter.limit)
    .all()

export type PaymentChanges = Partial<
  Pick<
    PaymentRow,
    | 'providerPaymentId'
    | 'capturedMinor'
    | 'declineCode'
    | 'message'
    | 'redirectUrl'
    | 'returnUsedAt'
    | 'recurring'
    | 'recurringToken'
    | 'pendingOperation'
    | 'pendingOperationMinor'
    | 'risk'
  >
>

/** The statement that moves a payment from `from` to `to`; run it alone or inside a batch. */
export const transitionStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id' | 'status' | 'version'>,
  to: PaymentStatus,
  changes: PaymentChanges,
  now: number
) =>
  db
    .update(payments)
    .set({ ...changes, status: to, version: payment.version + 1, updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        eq(payments.status, payment.status),
        eq(payments.version, payment.version)
      )
    )

/** Spends the single-use return token of a payment; false when it was already spent or unknown. */
export async function spendReturnToken(
  db: Db,
  tenantId: string,
  paymentId: string,
  tokenId: string,
  now: number
) {
  const result = await db
    .update(payments)
    .set({ returnUsedAt: now })
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.id, paymentId),
        eq(payments.returnTokenId, tokenId),
        sql`${payments.returnUsedAt} IS NULL`
      )
    )
    .run()
  return result.meta.changes === 1
}

/**
 * Reserves `amount` of the captured amount for a refund, atomically: concurrent refunds can never
 * together exceed what was captured. False when the rest does not cover it.
 */
export async function reserveRefund(db: Db, tenantId: string, paymentId: string, amount: number) {
  const result = await db
    .update(payments)
    .set({ refundReservedMinor: sql`${payments.refundReservedMinor} + ${amount}` })
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.id, paymentId),
        inArray(payments.status, REFUNDABLE_STATUSES),
        sql`${payments.refundReservedMinor} + ${amount} <= ${payments.capturedMinor}`
      )
    )
    .run()
  return result.meta.changes === 1
}

const releaseRefundStatement = (
  db: Db,
  tenantId: string,
  paymentId: string,
  amount: number,
  settling?: string
) =>
  db
    .update(payments)
    .set({ refundReservedMinor: sql`${payments.refundReservedMinor} - ${amount}` })
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.id, paymentId),
        settling ? refundStillProcessing(tenantId, settling) : undefined
      )
    )

export const releaseRefund = (db: Db, tenantId: string, paymentId: string, amount: number) =>
  releaseRefundStatement(db, tenantId, paymentId, amount).run()

/**
 * Settling a refund whose provider answer never came may race with another settlement (the
 * provider's notification and the cron): every statement of a settlement runs only while the
 * refund is still `processing`, and the last one moves it on, so the batch that runs first wins
 * and any other changes nothing.
 */
export const refundStillProcessing = (tenantId: string, refundId: string) =>
  sql`EXISTS (SELECT 1 FROM ${refunds} WHERE ${refunds.tenantId} = ${tenantId} AND ${refunds.id} = ${refundId} AND ${refunds.status} = 'processing')`

/**
 * Books a succeeded refund: adds it to `refunded_minor` and moves the status to refunded or
 * partially_refunded from whichever of the two the payment is in, in one statement.
 */
export const bookRefundStatement = (
  db: Db,
  tenantId: string,
  paymentId: string,
  amount: number,
  now: number,
  /** The id of the `processing` refund this booking settles, if it settles one. */
  settling?: string
) =>
  db
    .update(payments)
    .set({
      refundedMinor: sql`${payments.refundedMinor} + ${amount}`,
      status: sql`CASE WHEN ${payments.refundedMinor} + ${amount} >= ${payments.capturedMinor} THEN 'refunded' ELSE 'partially_refunded' END`,
      version: sql`${payments.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(payments.tenantId, tenantId),
        eq(payments.id, paymentId),
        inArray(payments.status, REFUNDABLE_STATUSES),
        settling ? refundStillProcessing(tenantId, settling) : undefined
      )
    )
    .returning()

export const insertRefund = (db: Db, row: RefundRow) => db.insert(refunds).values(row)

export const listRefunds = (db: Db, tenantId: string, paymentId: string) =>
  db
    .select()
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), eq(refunds.paymentId, paymentId)))
    .orderBy(refunds.id)
    .all()

/** A refund whose provider answer never came, now known to have succeeded. */
export const settleRefundStatement = (
  db: Db,
  tenantId: string,
  id: string,
  providerRefundId: string | null,
  now: number
) =>
  db
    .update(refunds)
    .set({ status: 'succeeded', providerRefundId, updatedAt: now })
    .where(
      and(eq(refunds.tenantId, tenantId), eq(refunds.id, id), eq(refunds.status, 'processing'))
    )

/** A refund whose provider answer never came, now known to have been refused: its amount is free again. */
export const failRefundStatements = (db: Db, refund: RefundRow, reason: string, now: number) =>
  [
    releaseRefundStatement(db, refund.tenantId, refund.paymentId, refund.amountMinor, refund.id),
    db
      .update(refunds)
      .set({ status: 'failed', reason, updatedAt: now })
      .where(
        and(
          eq(refunds.tenantId, refund.tenantId),
          eq(refunds.id, refund.id),
          eq(refunds.status, 'processing')
        )
      ),
  ] as const

/** Refunds of every tenant whose provider answer never came, quiet for a while, oldest first. */
export const refundsToReconcile = (db: Db, now: number, quietSinceMs: number, limit: number) =>
  db
    .select()
    .from(refunds)
    .where(and(eq(refunds.status, 'processing'), lt(refunds.updatedAt, now - quietSinceMs)))
    .orderBy(refunds.updatedAt)
    .limit(limit)
    .all()

/** Leaves a refund for a later round: the cron asks again once it has been quiet long enough. */
export const deferRefund = (db: Db, refund: Pick<RefundRow, 'tenantId' | 'id'>, now: number) =>
  db
    .update(refunds)
    .set({ updatedAt: now })
    .where(
      and(
        eq(refunds.tenantId, refund.tenantId),
        eq(refunds.id, refund.id),
        eq(refunds.status, 'processing')
      )
    )
    .run()

/**
 * Payments of every tenant still waiting for an answer, oldest first: the cron's reconciliation
 * batch (the tenant comes from each row; nothing here is chosen by a caller). Besides pending and
 * processing payments, those with a capture or cancel the provider has not settled yet.
 */
export const paymentsToReconcile = (db: Db, now: number, quietSinceMs: number, limit: number) =>
  db
    .select()
    .from(payments)
    .where(
      and(
        or(
          inArray(payments.status, ['pending', 'processing']),
          isNotNull(payments.pendingOperation)
        ),
        lt(payments.updatedAt, now - quietSinceMs),
        sql`(${payments.nextReconcileAt} IS NULL OR ${payments.nextReconcileAt} <= ${now})`
      )
    )
    .orderBy(payments.updatedAt)
    .limit(limit)
    .all()

export const deferReconcile = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id'>,
  attempts: number,
  nextAt: number
) =>
  db
    .update(payments)
    .set({ reconcileAttempts: attempts, nextReconcileAt: nextAt })
    .where(and(eq(payments.tenantId, payment.tenantId), eq(payments.id, payment.id)))
    .run()

/**
 * Marks a capture or cancel the provider accepted but has not settled: only while the payment is
 * still in the status it was read in and has no other operation pending.
 */
export const startPendingOperationStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id' | 'status' | 'version'>,
  operation: 'capture' | 'cancel',
  amountMinor: number | null,
  now: number
) =>
  db
    .update(payments)
    .set({ pendingOperation: operation, pendingOperationMinor: amountMinor, updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        eq(payments.status, payment.status),
        eq(payments.version, payment.version),
        isNull(payments.pendingOperation)
      )
    )

/** Ends a pending capture or cancel that did not happen: the payment keeps its status. */
export const endPendingOperationStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id'>,
  operation: 'capture' | 'cancel',
  message: string,
  now: number
) =>
  db
    .update(payments)
    .set({ pendingOperation: null, pendingOperationMinor: null, message, updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        eq(payments.pendingOperation, operation)
      )
    )
    .returning()

/** Keeps what the provider said a recurring payment's later charges need. */
export const storeRecurringTokenStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id'>,
  token: string,
  now: number
) =>
  db
    .update(payments)
    .set({ recurring: 'active', recurringToken: token, updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        inArray(payments.recurring, ['requested', 'active'])
      )
    )
    .returning()

/** Stops a recurring payment's later charges (a token arriving afterwards never reactivates it). */
export const stopRecurringStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id'>,
  now: number
) =>
  db
    .update(payments)
    .set({ recurring: 'stopped', updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        inArray(payments.recurring, ['requested', 'active'])
      )
    )

/** A payment's refunds, oldest first. */
export const refundsOfPayment = (db: Db, tenantId: string, paymentId: string) =>
  db
    .select()
    .from(refunds)
    .where(and(eq(refunds.tenantId, tenantId), eq(refunds.paymentId, paymentId)))
    .orderBy(asc(refunds.createdAt), asc(refunds.id))
    .all()

/**
 * Claims a held payment for the void of a rejected review: the cancel becomes pending and the
 * version moves on, so a concurrent approval or second rejection finds the payment changed.
 */
export const claimReviewVoidStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id' | 'version'>,
  risk: StoredRisk,
  now: number
) =>
  db
    .update(payments)
    .set({ pendingOperation: 'cancel', risk, version: payment.version + 1, updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        eq(payments.status, 'review'),
        eq(payments.version, payment.version),
        isNull(payments.pendingOperation)
      )
    )

/** The void of a rejected review did not happen: the payment is held again, undecided. */
export const releaseReviewVoidStatement = (
  db: Db,
  payment: Pick<PaymentRow, 'tenantId' | 'id' | 'version'>,
  risk: StoredRisk,
  message: string,
  now: number
) =>
  db
    .update(payments)
    .set({ pendingOperation: null, risk, message, version: payment.version + 1, updatedAt: now })
    .where(
      and(
        eq(payments.tenantId, payment.tenantId),
        eq(payments.id, payment.id),
        eq(payments.version, payment.version),
        eq(payments.pendingOperation, 'cancel')
      )
    )
