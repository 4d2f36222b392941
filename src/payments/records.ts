/**
 * @module The rows written beside every payment change, in the same D1 batch: the outbox event the
 * merchant will be notified of, and one masked log row per provider call.
 */
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { insertEvent, insertProviderLogs } from '../db/repos/events'
import {
  bookRefundStatement,
  type PaymentChanges,
  type PaymentRow,
  type RefundRow,
  refundStillProcessing,
  settleRefundStatement,
  transitionStatement,
} from '../db/repos/payments'
import { paymentEvents, payments } from '../db/schema'
import { newId } from '../domain/ids'
import { exponentOf } from '../domain/money'
import type { PaymentStatus } from '../domain/payment-status'
import type { ProviderCall } from '../providers/call-log'
import { currentRequestId } from '../request-context'
import { EVENT_TYPE_OF, presentPayment } from './present'

/**
 * Events that are not a status change: a capture, cancel or refund the provider had accepted and
 * then did not carry out. The payment keeps its status; the merchant still hears of it.
 */
export const OPERATION_FAILED_EVENTS = {
  capture: 'payment.capture_failed',
  cancel: 'payment.cancel_failed',
  refund: 'payment.refund_failed',
} as const

export type EventType =
  | NonNullable<(typeof EVENT_TYPE_OF)[keyof typeof EVENT_TYPE_OF]>
  | 'payment.created'
  | (typeof OPERATION_FAILED_EVENTS)[keyof typeof OPERATION_FAILED_EVENTS]

/** Every event a merchant can subscribe to. */
export const EVENT_TYPES = [
  'payment.created',
  ...Object.values(EVENT_TYPE_OF).filter((t): t is NonNullable<typeof t> => t !== null),
  ...Object.values(OPERATION_FAILED_EVENTS),
] as [EventType, ...EventType[]]

/** A constant as a named column of an INSERT … SELECT. */
const literal = <T>(value: T, name: string) => sql<T>`${value}`.as(name)

export const eventStatement = (db: Db, payment: PaymentRow, type: EventType, now: number) =>
  insertEvent(db, {
    id: newId('event', now),
    tenantId: payment.tenantId,
    paymentId: payment.id,
    type,
    data: JSON.stringify(presentPayment(payment)),
    createdAt: now,
    dispatchedAt: null,
  })

/**
 * The status event of `payment` as it was written (a new payment, or one just changed), if its
 * status has one. Only while the payment is still at `payment.version`.
 */
export function statusEventStatements(
  db: Db,
  payment: PaymentRow,
  now: number,
  options: { onlyIfPreviousChanged?: boolean } = {}
) {
  const type = EVENT_TYPE_OF[payment.status]
  if (!type) return []
  return [
    eventFromRowStatement(db, payment, type, now, [
      eq(payments.version, payment.version),
      options.onlyIfPreviousChanged ? sql`changes() = 1` : undefined,
    ]),
  ]
}

/**
 * The event of `payment` (as given), written only when the statement just before it in the batch
 * changed a row: an operation that did not happen (another writer got there first) announces
 * nothing.
 */
export const eventIfChangedStatement = (
  db: Db,
  payment: PaymentRow,
  type: EventType,
  now: number
) => eventFromRowStatement(db, payment, type, now, [sql`changes() = 1`])

/** INSERT … SELECT of an event, on the conditions given about the payment's row. */
const eventFromRowStatement = (
  db: Db,
  payment: PaymentRow,
  type: EventType,
  now: number,
  conditions: (SQL | undefined)[]
) =>
  db.insert(paymentEvents).select(
    db
      .select({
        id: literal(newId('event', now), 'id'),
        tenantId: literal(payment.tenantId, 'tenant_id'),
        paymentId: literal(payment.id, 'payment_id'),
        type: literal(type, 'type'),
        data: literal(JSON.stringify(presentPayment(payment)), 'data'),
        createdAt: literal(now, 'created_at'),
        dispatchedAt: sql<number | null>`NULL`.as('dispatched_at'),
      })
      .from(payments)
      .where(
        and(eq(payments.tenantId, payment.tenantId), eq(payments.id, payment.id), ...conditions)
      )
  )

/**
 * A compare-and-set status change and the event announcing it, to run in this order in one batch.
 * The event is written only if that very UPDATE changed the row (SQLite's `changes()` counts the
 * statement just before): a change that lost a race announces nothing, even when the winner left
 * the payment at the same version.
 */
export function transitionStatements(
  db: Db,
  before: PaymentRow,
  to: PaymentStatus,
  changes: PaymentChanges,
  now: number
) {
  // A status change ends any capture or cancel that was waiting for the provider.
  const settled: PaymentChanges = {
    pendingOperation: null,
    pendingOperationMinor: null,
    ...changes,
  }
  const next: PaymentRow = {
    ...before,
    ...settled,
    status: to,
    version: before.version + 1,
    updatedAt: now,
  }
  const statements = [
    transitionStatement(db, before, to, settled, now),
    ...statusEventStatements(db, next, now, { onlyIfPreviousChanged: true }),
  ] as const
  return { next, statements }
}

/** Which payment and operation a provider call belongs to, for its log row. */
export const callContext = (
  payment: Pick<PaymentRow, 'tenantId' | 'provider' | 'environment' | 'id'>,
  operation: CallContext['operation']
) => ({
  tenantId: payment.tenantId,
  provider: payment.provider,
  environment: payment.environment,
  paymentId: payment.id,
  operation,
})

/**
 * The event of a booked refund, in the same batch as the booking. Concurrent refunds make the
 * result unknowable beforehand (partially refunded, or refunded?), so the event is built by SQL
 * from the payment row as the booking left it: the fields a refund changes are set on the
 * payment as it was presented before.
 */
export function refundEventStatement(
  db: Db,
  before: PaymentRow,
  now: number,
  /** The id of the `processing` refund this event settles, if it settles one. */
  settling?: string
) {
  const template = JSON.stringify(presentPayment(before))
  const divisor = 10 ** exponentOf(before.currency)
  return db.insert(paymentEvents).select(
    db
      .select({
        id: literal(newId('event', now), 'id'),
        tenantId: literal(before.tenantId, 'tenant_id'),
        paymentId: literal(before.id, 'payment_id'),
        type: sql<string>`CASE ${payments.status} WHEN 'refunded' THEN 'payment.refunded' ELSE 'payment.partially_refunded' END`.as(
          'type'
        ),
        data: sql<string>`json_set(${template},
          '$.status', ${payments.status},
          '$.refundedAmountMinor', ${payments.refundedMinor},
          '$.refundedAmount', ${payments.refundedMinor} * 1.0 / ${divisor},
          '$.updatedAt', strftime('%Y-%m-%dT%H:%M:%fZ', ${payments.updatedAt} / 1000.0, 'unixepoch'))`.as(
          'data'
        ),
        createdAt: literal(now, 'created_at'),
        dispatchedAt: sql<number | null>`NULL`.as('dispatched_at'),
      })
      .from(payments)
      .where(
        and(
          eq(payments.tenantId, before.tenantId),
          eq(payments.id, before.id),
          inArray(payments.status, ['refunded', 'partially_refunded']),
          settling ? refundStillProcessing(before.tenantId, settling) : undefined
        )
      )
  )
}

/**
 * Settles a refund whose provider answer never came, now known to have succeeded: the booking, its
 * event and the refund's new status, each only while the refund is still `processing`, so of two
 * settlements racing (the provider's notification and the cron) exactly one books it.
 */
export const refundSettledStatements = (
  db: Db,
  before: PaymentRow,
  refund: RefundRow,
  providerRefundId: string | null,
  now: number
) =>
  [
    bookRefundStatement(db, before.tenantId, before.id, refund.amountMinor, now, refund.id),
    refundEventStatement(db, before, now, refund.id),
    settleRefundStatement(db, before.tenantId, refund.id, providerRefundId, now),
  ] as const

export interface CallContext {
  tenantId: string
  provider: string
  environment: 'test' | 'production'
  paymentId: string | null
  operation:
    | 'create'
    | 'complete'
    | 'status'
    | 'cancel'
    | 'refund'
    | 'capture'
    | 'recurrence'
    | 'stop_recurrence'
  outcome: string
}

export function logStatements(
  db: Db,
  context: CallContext,
  calls: readonly ProviderCall[],
  now: number
) {
  if (calls.length === 0) return []
  return [
    insertProviderLogs(
      db,
      calls.map((call) => ({
        id: newId('providerLog', now),
        ...context,
        requestId: currentRequestId(),
        latencyMs: call.latencyMs,
        httpStatus: call.status,
        request: JSON.stringify({ method: call.method, url: call.url, body: call.request }),
        response: call.response,
        createdAt: now,
      }))
    ),
  ]
}
