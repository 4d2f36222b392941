/**
 * @module The figures of `GET /v1/reports` for one chunk of periods, in one D1 batch of four
 * indexed queries. The periods travel as a `WITH periods(…) AS (VALUES …)` of integer literals the
 * gateway computed (D1 binds at most 100 parameters; nothing the caller typed reaches the SQL), each
 * joined to its range of the table's index:
 *
 * - sales: payments by creation time through `payments_tenant_created (tenant_id, created_at)`;
 * - refunds: succeeded refunds by creation time through `refunds_tenant_created`, each joined to
 *   its payment by primary key for currency, provider and environment;
 * - chargebacks: payments in status `chargeback` by `updated_at` (the time of the chargeback, a
 *   final status) through `payments_status_updated (status, updated_at)`;
 * - tax: the order lines (`payments.items`, read with `json_each`) of successful payments by
 *   creation time, like sales.
 *
 * A unary `+` keeps a column out of index choice (SQLite's documented way): without table
 * statistics the planner would otherwise read `payments_environment_created`, every tenant's
 * payments of the range. The query plans are in docs/storage-schema.md.
 */
import type { Environment } from '../providers/types'
import type { Period } from './periods'

/** Payments that took the shopper's money: their captured amount is the gross. */
export const SOLD = ['successful', 'refunded', 'partially_refunded', 'chargeback']

/** Periods per batch: a month of days; a large range is read (and streamed) chunk by chunk. */
export const CHUNK_PERIODS = 31

export interface ReportScope {
  tenantId: string
  environment: Environment
}

export interface SalesFigures {
  period: number
  currency: string
  provider: string
  successfulCount: number
  failedCount: number
  grossMinor: number
  refundCount: number
  refundsMinor: number
  chargebackCount: number
  chargebacksMinor: number
}

export interface TaxFigures {
  period: number
  currency: string
  /** Basis points (20% → 2000); null for lines the merchant gave no rate. */
  taxRateBp: number | null
  lineCount: number
  grossMinor: number
  /** Null with an unknown rate. */
  taxMinor: number | null
}

export interface ReportChunk {
  sales: SalesFigures[]
  tax: TaxFigures[]
}

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

/** The periods as SQL literals; `index` is the period's position in the whole report. */
function periodsCte(periods: readonly Period[], firstIndex: number) {
  const rows = periods.map((p, i) => {
    if (!Number.isSafeInteger(p.startMs) || !Number.isSafeInteger(p.endMs)) {
      throw new RangeError('period bounds must be integers')
    }
    return `(${firstIndex + i}, ${p.startMs}, ${p.endMs})`
  })
  return `WITH periods(idx, period_start, period_end) AS (VALUES ${rows.join(', ')})`
}

/**
 * Tax included in a tax-inclusive line: round(gross × rate / (100 + rate)), half up, in integers
 * (gross = q·d + r, so gross·bp/d = q·bp + r·bp/d, and r·bp stays small: no 64-bit overflow).
 */
const LINE_GROSS = `(json_extract(i.value, '$.unitPriceMinor') * json_extract(i.value, '$.quantity'))`
const RATE = `json_extract(i.value, '$.taxRateBp')`
const LINE_TAX = `(${LINE_GROSS} / (10000 + ${RATE}) * ${RATE}
      + (2 * (${LINE_GROSS} % (10000 + ${RATE})) * ${RATE} + 10000 + ${RATE}) / (2 * (10000 + ${RATE})))`

export function reportStatements(periods: readonly Period[], firstIndex: number) {
  const cte = periodsCte(periods, firstIndex)
  return {
    sales: `${cte}
      SELECT p.idx AS period, pay.currency AS currency, pay.provider AS provider,
             SUM(CASE WHEN pay.status IN (${inList(SOLD)}) THEN 1 ELSE 0 END) AS successful,
             SUM(CASE WHEN pay.status = 'failed' THEN 1 ELSE 0 END) AS failed,
             SUM(CASE WHEN pay.status IN (${inList(SOLD)}) THEN pay.captured_minor ELSE 0 END) AS gross
        FROM periods p JOIN payments pay
          ON pay.tenant_id = ?1 AND pay.created_at >= p.period_start AND pay.created_at < p.period_end
       WHERE +pay.environment = ?2
       GROUP BY p.idx, pay.currency, pay.provider`,
    refunds: `${cte}
      SELECT p.idx AS period, pay.currency AS currency, pay.provider AS provider,
             COUNT(*) AS count, SUM(r.amount_minor) AS amount
        FROM periods p JOIN refunds r
          ON r.tenant_id = ?1 AND r.created_at >= p.period_start AND r.created_at < p.period_end
        JOIN payments pay ON pay.id = r.payment_id
       WHERE r.status = 'succeeded' AND +pay.tenant_id = ?1 AND +pay.environment = ?2
       GROUP BY p.idx, pay.currency, pay.provider`,
    chargebacks: `${cte}
      SELECT p.idx AS period, pay.currency AS currency, pay.provider AS provider,
             COUNT(*) AS count, SUM(pay.captured_minor - pay.refunded_minor) AS amount
        FROM periods p JOIN payments pay
          ON pay.status = 'chargeback' AND pay.updated_at >= p.period_start
         AND pay.updated_at < p.period_end
       WHERE +pay.tenant_id = ?1 AND +pay.environment = ?2
       GROUP BY p.idx, pay.currency, pay.provider`,
    tax: `${cte}
      SELECT p.idx AS period, pay.currency AS currency, ${RATE} AS rate,
             COUNT(*) AS lines, SUM(${LINE_GROSS}) AS gross,
             CASE WHEN ${RATE} IS NULL THEN NULL ELSE SUM(${LINE_TAX}) END AS tax
        FROM periods p JOIN payments pay
          ON pay.tenant_id = ?1 AND pay.created_at >= p.period_start AND pay.created_at < p.period_end
        JOIN json_each(pay.items) i
       WHERE +pay.environment = ?2 AND pay.status IN (${inList(SOLD)}) AND pay.items IS NOT NULL
       GROUP BY p.idx, pay.currency, rate`,
  }
}

type Amounts = { period: number; currency: string; provider: string; count: number; amount: number }

/** The figures of `periods` (positions `firstIndex`…), sales and tax, in report order. */
export async function reportChunk(
  db: D1Database,
  scope: ReportScope,
  periods: readonly Period[],
  firstIndex: number
): Promise<ReportChunk> {
  const sql = reportStatements(periods, firstIndex)
  const [sales, refunds, chargebacks, tax] = await db.batch(
    [sql.sales, sql.refunds, sql.chargebacks, sql.tax].map((s) =>
      db.prepare(s).bind(scope.tenantId, scope.environment)
    )
  )
  const lines = new Map<string, SalesFigures>()
  const lineOf = (period: number, currency: string, provider: string) => {
    const key = `${period}\u0000${currency}\u0000${provider}`
    let line = lines.get(key)
    if (!line) {
      line = {
        period,
        currency,
        provider,
        successfulCount: 0,
        failedCount: 0,
        grossMinor: 0,
        refundCount: 0,
        refundsMinor: 0,
        chargebackCount: 0,
        chargebacksMinor: 0,
      }
      lines.set(key, line)
    }
    return line
  }
  type Sale = { period: number; currency: string; provider: string } & Record<
    'successful' | 'failed' | 'gross',
    number
  >
  for (const r of (sales!.results ?? []) as Sale[]) {
    const line = lineOf(r.period, r.currency, r.provider)
    line.successfulCount = r.successful
    line.failedCount = r.failed
    line.grossMinor = r.gross
  }
  for (const r of (refunds!.results ?? []) as Amounts[]) {
    const line = lineOf(r.period, r.currency, r.provider)
    line.refundCount = r.count
    line.refundsMinor = r.amount
  }
  for (const r of (chargebacks!.results ?? []) as Amounts[]) {
    const line = lineOf(r.period, r.currency, r.provider)
    line.chargebackCount = r.count
    line.chargebacksMinor = r.amount
  }
  type TaxRow = { period: number; currency: string; rate: number | null } & Record<
    'lines' | 'gross',
    number
  > & { tax: number | null }
  const taxLines = ((tax!.results ?? []) as TaxRow[]).map((r) => ({
    period: r.period,
    currency: r.currency,
    taxRateBp: r.rate,
    lineCount: r.lines,
    grossMinor: r.gross,
    taxMinor: r.tax,
  }))
  const order = <T extends { period: number; currency: string }>(a: T, b: T) =>
    a.period - b.period || (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0)
  return {
    sales: [...lines.values()].sort(
      (a, b) => order(a, b) || (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0)
    ),
    tax: taxLines.sort((a, b) => order(a, b) || (a.taxRateBp ?? -1) - (b.taxRateBp ?? -1)),
  }
}

/** The whole report, a chunk of periods at a time: memory holds one chunk's figures. */
export async function* reportChunks(db: D1Database, scope: ReportScope, periods: Period[]) {
  for (let first = 0; first < periods.length; first += CHUNK_PERIODS) {
    yield await reportChunk(db, scope, periods.slice(first, first + CHUNK_PERIODS), first)
  }
}
