/**
 * @module The reconciliation report's rows, for one tenant, newest first: payments whose gateway
 * state disagrees with what the provider last reported, payments stuck waiting for an answer past
 * the reconcile threshold, and refunds still `processing`.
 *
 * "What the provider last reported" is the outcome of the payment's latest logged provider call
 * that reports its state (create, 3-D Secure completion, status query, capture, cancel, recurring
 * charge; refunds say nothing about the payment's state). Verified notifications are not used:
 * `provider_notifications.outcome` records what the gateway did with one (`payment`, `refund`),
 * not the provider's state. Since a notification can settle a payment without a logged call, a
 * call is only taken as evidence when it is at least as new as the payment's last change.
 *
 * Every query is indexed (see docs/storage-schema.md): the provider log is only ever read per
 * payment, through `provider_logs_tenant_payment`.
 */
import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import type { PaymentRow } from '../db/repos/payments'
import { payments, providerLogs, refunds } from '../db/schema'
import type { Environment } from '../providers/types'

/** Operations whose outcome says what state the provider holds the payment in. */
const STATE_OPERATIONS = ['create', 'complete', 'status', 'capture', 'cancel', 'recurrence']

/** The id of the payment's latest state-reporting provider call (one index range per payment). */
const LAST_STATE_CALL = sql`(SELECT l.id FROM provider_logs l
  WHERE l.tenant_id = ${payments.tenantId} AND l.payment_id = ${payments.id}
    AND l.operation IN (${sql.join(
      STATE_OPERATIONS.map((op) => sql`${op}`),
      sql`, `
    )})
  ORDER BY l.created_at DESC, l.id DESC LIMIT 1)`

/**
 * Both sides mapped to a comparable state: `paid` (authorized or captured, whatever happened to it
 * since), `failed`, `cancelled`, `open`. A provider's `cancelled` is a gateway `failed` when the
 * payment never got that far (see `applyOutcome`).
 */
const PROVIDER_STATE = sql`CASE
  WHEN ${providerLogs.outcome} = 'succeeded' AND ${providerLogs.operation} = 'cancel' THEN 'cancelled'
  WHEN ${providerLogs.outcome} = 'succeeded' THEN 'paid'
  WHEN ${providerLogs.outcome} = 'declined' THEN 'failed'
  WHEN ${providerLogs.outcome} = 'cancelled' THEN 'cancelled'
  ELSE NULL END`

const GATEWAY_STATE = sql`CASE
  WHEN ${payments.status} IN ('pending', 'processing') THEN 'open'
  WHEN ${payments.status} IN ('failed', 'cancelled') THEN ${payments.status}
  ELSE 'paid' END`

const MISMATCH = sql<number>`(${PROVIDER_STATE} IS NOT NULL
  AND ${providerLogs.createdAt} >= ${payments.updatedAt}
  AND ${PROVIDER_STATE} <> ${GATEWAY_STATE}
  AND NOT (${PROVIDER_STATE} = 'cancelled' AND ${GATEWAY_STATE} = 'failed'))`

export const REPORT_REASONS = ['state_mismatch', 'unknown_outcome', 'stuck_processing'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]

export interface ReportCursor {
  createdAt: number
  id: string
}

export const encodeCursor = (row: ReportCursor) => `${row.createdAt}.${row.id}`

export function decodeCursor(text: string | undefined): ReportCursor | undefined {
  const match = text?.match(/^(\d{1,15})\.([a-z]+_[0-9A-Z]{26})$/)
  return match ? { createdAt: Number(match[1]), id: match[2]! } : undefined
}

export interface ReportScope {
  tenantId: string
  /** Undefined: both environments (a signed-in user who asked for neither). */
  environment: Environment | undefined
  now: number
  /** `RECONCILE_AFTER_SECONDS`, in ms: quieter than this, an open payment is stuck. */
  quietMs: number
  /** `PROVIDER_LOG_RETENTION_DAYS`, in ms: older payments have no provider calls left to compare. */
  lookbackMs: number
}

export interface PaymentFinding {
  type: 'payment'
  payment: PaymentRow
  reason: ReportReason
  lastCall: {
    outcome: string
    operation: string
    at: number
    requestId: string | null
  } | null
}

export interface RefundFinding {
  type: 'refund'
  refund: typeof refunds.$inferSelect
  payment: Pick<PaymentRow, 'provider' | 'environment' | 'currency'>
}

export type Finding = PaymentFinding | RefundFinding

/** After the cursor; the `<=` alone is what an index range can use. */
const paymentsBefore = (c?: ReportCursor) =>
  c
    ? and(
        lte(payments.createdAt, c.createdAt),
        or(
          lt(payments.createdAt, c.createdAt),
          and(eq(payments.createdAt, c.createdAt), lt(payments.id, c.id))
        )
      )
    : undefined

/** Payments of the tenant matching `where`, each with its latest state-reporting call. */
const paymentQuery = (
  db: Db,
  scope: ReportScope,
  where: SQL | undefined,
  c: ReportCursor | undefined,
  limit: number
) =>
  db
    .select({
      payment: payments,
      outcome: providerLogs.outcome,
      operation: providerLogs.operation,
      at: providerLogs.createdAt,
      requestId: providerLogs.requestId,
      mismatch: MISMATCH,
    })
    .from(payments)
    .leftJoin(providerLogs, eq(providerLogs.id, LAST_STATE_CALL))
    .where(
      and(
        eq(payments.tenantId, scope.tenantId),
        // `+`: filtered, never searched by; the environment index would span every tenant.
        scope.environment ? sql`+${payments.environment} = ${scope.environment}` : undefined,
        paymentsBefore(c),
        where
      )
    )
    .orderBy(desc(payments.createdAt), desc(payments.id))
    .limit(limit)

type PaymentQueryRow = Awaited<ReturnType<typeof paymentQuery>>[number]

function paymentFinding(row: PaymentQueryRow): PaymentFinding {
  const lastCall =
    row.outcome !== null && row.operation !== null && row.at !== null
      ? { outcome: row.outcome, operation: row.operation, at: row.at, requestId: row.requestId }
      : null
  const reason: ReportReason = row.mismatch
    ? 'state_mismatch'
    : !lastCall || lastCall.outcome === 'unknown'
      ? 'unknown_outcome'
      : 'stuck_processing'
  return { type: 'payment', payment: row.payment, reason, lastCall }
}

/**
 * Open payments quiet past the threshold: processing, or pending with no provider id at all. One
 * query per status, so each reads `payments_tenant_status_created` in order.
 */
const stuck = (scope: ReportScope, status: 'processing' | 'pending') =>
  and(
    eq(payments.status, status),
    status === 'pending' ? sql`${payments.providerPaymentId} IS NULL` : undefined,
    lt(payments.updatedAt, scope.now - scope.quietMs)
  )

/** Payments whose provider last reported another state (within the provider log's retention). */
const mismatched = (scope: ReportScope) =>
  and(gte(payments.createdAt, scope.now - scope.lookbackMs), sql`${MISMATCH} = 1`)

const refundQuery = (db: Db, scope: ReportScope, c: ReportCursor | undefined, limit: number) =>
  db
    .select({
      refund: refunds,
      provider: payments.provider,
      environment: payments.environment,
      currency: payments.currency,
    })
    .from(refunds)
    .innerJoin(
      payments,
      and(eq(payments.tenantId, refunds.tenantId), eq(payments.id, refunds.paymentId))
    )
    .where(
      and(
        eq(refunds.status, 'processing'),
        eq(refunds.tenantId, scope.tenantId),
        scope.environment ? eq(payments.environment, scope.environment) : undefined,
        c
          ? or(
              lt(refunds.createdAt, c.createdAt),
              and(eq(refunds.createdAt, c.createdAt), lt(refunds.id, c.id))
            )
          : undefined
      )
    )
    .orderBy(desc(refunds.createdAt), desc(refunds.id))
    .limit(limit)

const refundFinding = (row: Awaited<ReturnType<typeof refundQuery>>[number]): RefundFinding => ({
  type: 'refund',
  refund: row.refund,
  payment: { provider: row.provider, environment: row.environment, currency: row.currency },
})

/** The report's three queries, each one page after the cursor (exported for the query-plan test). */
export const reportQueries = (
  db: Db,
  scope: ReportScope,
  c: ReportCursor | undefined,
  limit: number
) => ({
  processing: paymentQuery(db, scope, stuck(scope, 'processing'), c, limit),
  pending: paymentQuery(db, scope, stuck(scope, 'pending'), c, limit),
  mismatched: paymentQuery(db, scope, mismatched(scope), c, limit),
  refunds: refundQuery(db, scope, c, limit),
})

export const keyOf = (finding: Finding): ReportCursor =>
  finding.type === 'payment' ? finding.payment : finding.refund

const newerFirst = (a: Finding, b: Finding) => {
  const ka = keyOf(a)
  const kb = keyOf(b)
  return kb.createdAt - ka.createdAt || (kb.id < ka.id ? -1 : kb.id > ka.id ? 1 : 0)
}

/**
 * One page of the report: each of the four queries gives its newest rows after the cursor, and
 * the newest `limit` of their union are the page. A payment both stuck and mismatched appears
 * once; its reason comes from its own row, so it is `state_mismatch` whichever query found it.
 */
export async function reconciliationReport(
  db: Db,
  scope: ReportScope,
  page: { cursor?: ReportCursor; limit: number }
): Promise<{ findings: Finding[]; nextCursor: string | null }> {
  const { cursor, limit } = page
  // One more than a page from each, so a full page knows whether anything follows it.
  const queries = reportQueries(db, scope, cursor, limit + 1)
  const [processingRows, pendingRows, mismatchRows, refundRows] = await Promise.all([
    queries.processing.all().then((rows) => rows.map(paymentFinding)),
    queries.pending.all().then((rows) => rows.map(paymentFinding)),
    queries.mismatched.all().then((rows) => rows.map(paymentFinding)),
    queries.refunds.all().then((rows) => rows.map(refundFinding)),
  ])
  const seen = new Set(mismatchRows.map((f) => f.payment.id))
  const stuckRows = [...processingRows, ...pendingRows].filter((f) => !seen.has(f.payment.id))
  const all = [...mismatchRows, ...stuckRows, ...refundRows]
  all.sort(newerFirst)
  const findings = all.slice(0, limit)
  const more = all.length > limit
  return { findings, nextCursor: more ? encodeCursor(keyOf(findings.at(-1)!)) : null }
}
