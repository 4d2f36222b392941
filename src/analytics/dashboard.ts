/**
 * @module The figures of `GET /v1/analytics/dashboard`, from indexed range queries sent to D1 in
 * one batch: payments by their creation time through `(tenant_id, created_at)` (or
 * `(environment, created_at)` for the administrator's all-tenants view), provider calls through
 * `(tenant_id, provider, created_at)`, deliveries through `(tenant_id, created_at)`. Nothing scans
 * a whole table; the query plans are in docs/storage-schema.md.
 */
import type { Environment } from '../providers/types'

/** Statuses a payment reaches once the provider took the money (at some point). */
export const SUCCEEDED = [
  'successful',
  'authorized',
  'refunded',
  'partially_refunded',
  'chargeback',
]

export interface DashboardQuery {
  /** One tenant, or every tenant (the administrator's view). */
  tenantId: string | null
  environment: Environment
  from: number
  to: number
  bucketMs: number
}

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ')

/** The payment rows of the query: one tenant's by its index, or all tenants' by environment. */
const paymentScope = (q: DashboardQuery) =>
  q.tenantId === null
    ? 'environment = ?1 AND created_at >= ?2 AND created_at < ?3'
    : 'tenant_id = ?4 AND created_at >= ?2 AND created_at < ?3 AND environment = ?1'

const TOP_DECLINES = 5

export async function dashboardFigures(db: D1Database, q: DashboardQuery) {
  const scope = paymentScope(q)
  const tenantFilter = q.tenantId === null ? '' : 'AND tenant_id = ?4'
  const statements = [
    // 0: count and volume by status and currency
    `SELECT status, currency, COUNT(*) AS count, SUM(amount_minor) AS volume
       FROM payments WHERE ${scope} GROUP BY status, currency`,
    // 1: per provider: attempts that ended, and how many succeeded
    `SELECT provider,
            SUM(CASE WHEN status IN (${inList(SUCCEEDED)}) THEN 1 ELSE 0 END) AS succeeded,
            SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
            COUNT(*) AS count
       FROM payments WHERE ${scope} GROUP BY provider`,
    // 2: decline codes per provider
    `SELECT provider, decline_code AS code, COUNT(*) AS count
       FROM payments WHERE ${scope} AND status = 'failed'
       GROUP BY provider, decline_code ORDER BY provider, count DESC, code`,
    // 3: refunds and chargebacks by currency
    `SELECT currency, SUM(refunded_minor) AS refunded,
            SUM(CASE WHEN refunded_minor > 0 THEN 1 ELSE 0 END) AS refunds,
            SUM(CASE WHEN status = 'chargeback' THEN amount_minor ELSE 0 END) AS chargebacks,
            SUM(CASE WHEN status = 'chargeback' THEN 1 ELSE 0 END) AS chargeback_count
       FROM payments WHERE ${scope} GROUP BY currency`,
    // 4: time series
    // `%` works in integers whatever type the bound size arrives as (D1 may bind it as REAL,
    // when `/` would not round down).
    `SELECT created_at - created_at % ?5 AS bucket, currency, COUNT(*) AS count,
            SUM(CASE WHEN status IN (${inList(SUCCEEDED)}) THEN 1 ELSE 0 END) AS succeeded,
            SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END) AS failed,
            SUM(amount_minor) AS volume
       FROM payments WHERE ${scope} GROUP BY bucket, currency ORDER BY bucket`,
    // 5: provider latency percentiles (nearest rank)
    `SELECT provider, n, MAX(CASE WHEN rn = (n + 1) / 2 THEN latency_ms END) AS p50,
            MAX(CASE WHEN rn = (n * 95 + 99) / 100 THEN latency_ms END) AS p95
       FROM (SELECT provider, latency_ms,
                    ROW_NUMBER() OVER (PARTITION BY provider ORDER BY latency_ms) AS rn,
                    COUNT(*) OVER (PARTITION BY provider) AS n
               FROM provider_logs
              WHERE created_at >= ?2 AND created_at < ?3 AND environment = ?1 ${tenantFilter})
      GROUP BY provider, n`,
    // 6: merchant notification deliveries
    `SELECT d.status AS status, COUNT(*) AS count
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
      WHERE d.created_at >= ?2 AND d.created_at < ?3
        AND e.mode = CASE ?1 WHEN 'production' THEN 'live' ELSE 'test' END
        ${q.tenantId === null ? '' : 'AND d.tenant_id = ?4'}
      GROUP BY d.status`,
  ]
  // Numbered parameters: ?1 environment, ?2 from, ?3 to, ?4 tenant, ?5 bucket size. Each
  // statement is bound up to the highest number it uses.
  const values = [q.environment, q.from, q.to, q.tenantId, q.bucketMs]
  const highest = (sql: string) =>
    Math.max(...[...sql.matchAll(/\?(\d)/g)].map((m) => Number(m[1])))
  const results = await db.batch(
    statements.map((sql) => db.prepare(sql).bind(...values.slice(0, highest(sql))))
  )
  const rows = <T>(i: number) => (results[i]!.results ?? []) as T[]
  return shape(q, {
    byStatus: rows<{ status: string; currency: string; count: number; volume: number }>(0),
    providers: rows<{ provider: string; succeeded: number; failed: number; count: number }>(1),
    declines: rows<{ provider: string; code: string | null; count: number }>(2),
    money: rows<{
      currency: string
      refunded: number
      refunds: number
      chargebacks: number
      chargeback_count: number
    }>(3),
    series: rows<{
      bucket: number
      currency: string
      count: number
      succeeded: number
      failed: number
      volume: number
    }>(4),
    latency: rows<{ provider: string; n: number; p50: number; p95: number }>(5),
    deliveries: rows<{ status: string; count: number }>(6),
  })
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole)

/** Providers with payments in the range, and those only called (status queries, refunds). */
const withCallsOnly = (
  providers: { provider: string; succeeded: number; failed: number; count: number }[],
  latency: { provider: string }[]
) => [
  ...providers,
  ...latency
    .filter((l) => !providers.some((p) => p.provider === l.provider))
    .map((l) => ({ provider: l.provider, succeeded: 0, failed: 0, count: 0 })),
]

function shape(
  q: DashboardQuery,
  raw: {
    byStatus: { status: string; currency: string; count: number; volume: number }[]
    providers: { provider: string; succeeded: number; failed: number; count: number }[]
    declines: { provider: string; code: string | null; count: number }[]
    money: {
      currency: string
      refunded: number
      refunds: number
      chargebacks: number
      chargeback_count: number
    }[]
    series: {
      bucket: number
      currency: string
      count: number
      succeeded: number
      failed: number
      volume: number
    }[]
    latency: { provider: string; n: number; p50: number; p95: number }[]
    deliveries: { status: string; count: number }[]
  }
) {
  const total = raw.byStatus.reduce((sum, r) => sum + r.count, 0)
  const latency = new Map(raw.latency.map((l) => [l.provider, l]))
  const delivered = raw.deliveries.find((d) => d.status === 'delivered')?.count ?? 0
  const failedDeliveries = raw.deliveries.find((d) => d.status === 'failed')?.count ?? 0
  const buckets = new Map<
    number,
    { count: number; succeeded: number; failed: number; volumeMinor: Record<string, number> }
  >()
  for (const r of raw.series) {
    const b = buckets.get(r.bucket) ?? { count: 0, succeeded: 0, failed: 0, volumeMinor: {} }
    b.count += r.count
    b.succeeded += r.succeeded
    b.failed += r.failed
    b.volumeMinor[r.currency] = (b.volumeMinor[r.currency] ?? 0) + r.volume
    buckets.set(r.bucket, b)
  }
  return {
    payments: {
      count: total,
      byStatus: raw.byStatus.map((r) => ({
        status: r.status,
        currency: r.currency,
        count: r.count,
        volumeMinor: r.volume,
      })),
    },
    providers: withCallsOnly(raw.providers, raw.latency).map((p) => ({
      provider: p.provider,
      count: p.count,
      succeeded: p.succeeded,
      failed: p.failed,
      successRate: rate(p.succeeded, p.succeeded + p.failed),
      topDeclineCodes: raw.declines
        .filter((d) => d.provider === p.provider)
        .slice(0, TOP_DECLINES)
        .map((d) => ({ code: d.code ?? 'unknown', count: d.count })),
      latencyMs: latency.has(p.provider)
        ? {
            p50: latency.get(p.provider)!.p50,
            p95: latency.get(p.provider)!.p95,
            calls: latency.get(p.provider)!.n,
          }
        : null,
    })),
    refunds: raw.money
      .filter((m) => m.refunds > 0)
      .map((m) => ({ currency: m.currency, payments: m.refunds, amountMinor: m.refunded })),
    chargebacks: raw.money
      .filter((m) => m.chargeback_count > 0)
      .map((m) => ({
        currency: m.currency,
        count: m.chargeback_count,
        amountMinor: m.chargebacks,
      })),
    webhooks: {
      delivered,
      failed: failedDeliveries,
      pending: raw.deliveries.find((d) => d.status === 'pending')?.count ?? 0,
      successRate: rate(delivered, delivered + failedDeliveries),
    },
    series: [...buckets.entries()].map(([start, b]) => ({
      start: new Date(start).toISOString(),
      ...b,
    })),
    bucket: q.bucketMs === HOUR_MS ? ('hour' as const) : ('day' as const),
  }
}

export const HOUR_MS = 60 * 60 * 1000
export const DAY_MS = 24 * HOUR_MS
