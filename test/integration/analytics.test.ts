/**
 * `GET /v1/analytics/dashboard` against 10,000 generated payments across three tenants, two
 * environments, four providers and currencies with 0, 2 and 3 decimals: every figure equals a
 * count done another way, here in JavaScript over the same generated rows.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { SUCCEEDED } from '../../src/analytics/dashboard'
import { newId } from '../../src/domain/ids'
import { call, type ErrorBody } from '../helpers/http'
import { random } from '../helpers/random'
import { createApiKey, createTestTenant, type TestTenant } from '../helpers/tenant'

const DAY = 24 * 60 * 60 * 1000
const PROVIDERS = ['sandbox', 'iyzico', 'stripe', 'paytr']
const STATUSES = [
  'successful',
  'failed',
  'refunded',
  'partially_refunded',
  'pending',
  'chargeback',
  'authorized',
  'cancelled',
]
const CURRENCIES = ['TRY', 'JPY', 'KWD']
const DECLINES = ['card_declined', 'insufficient_funds', 'expired_card', 'fraud_suspected']

interface Row {
  tenantId: string
  environment: 'test' | 'production'
  provider: string
  status: string
  currency: string
  amount: number
  refunded: number
  decline: string | null
  createdAt: number
}

/**
 * The dashboard's window ends at its own "now", later than the test's: keep every row ten minutes
 * clear of the 1-, 7- and 30-day edges and at least a second old, so both count the same rows
 * however slow the machine.
 */
const MARGIN = 10 * 60_000
const clearOfBoundaries = (ageMs: number) =>
  [DAY, 7 * DAY, 30 * DAY].some((edge) => Math.abs(ageMs - edge) < MARGIN)
    ? ageMs + 2 * MARGIN
    : Math.max(1000, ageMs)

let tenants: TestTenant[]
let rows: Row[]
let now: number

beforeAll(async () => {
  tenants = [await createTestTenant(), await createTestTenant(), await createTestTenant('admin')]
  now = Date.now()
  const next = random(42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  rows = Array.from({ length: 10_000 }, () => {
    const status = pick(STATUSES)
    const amount = 1 + Math.floor(next() * 100_000)
    return {
      tenantId: pick(tenants).tenantId,
      environment: next() < 0.8 ? 'test' : 'production',
      provider: pick(PROVIDERS),
      status,
      currency: pick(CURRENCIES),
      amount,
      refunded:
        status === 'refunded'
          ? amount
          : status === 'partially_refunded'
            ? Math.floor(amount / 3)
            : 0,
      decline: status === 'failed' ? pick(DECLINES) : null,
      createdAt: now - clearOfBoundaries(Math.floor(next() * 35 * DAY)),
    } as Row
  })
  const insert = env.DB.prepare(
    `INSERT INTO payments (id, tenant_id, provider, environment, status, version, amount_minor, currency,
       captured_minor, refunded_minor, refund_reserved_minor, decline_code, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
  for (let i = 0; i < rows.length; i += 500) {
    await env.DB.batch(
      rows
        .slice(i, i + 500)
        .map((r) =>
          insert.bind(
            newId('payment', r.createdAt),
            r.tenantId,
            r.provider,
            r.environment,
            r.status,
            r.amount,
            r.currency,
            r.amount,
            r.refunded,
            r.refunded,
            r.decline,
            r.createdAt,
            r.createdAt
          )
        )
    )
  }
})

/** The figures counted in JavaScript over the generated rows. */
function expected(filter: (r: Row) => boolean) {
  const mine = rows.filter(filter)
  const succeeded = (r: Row) => SUCCEEDED.includes(r.status)
  const byProvider = PROVIDERS.map((provider) => {
    const of = mine.filter((r) => r.provider === provider)
    const ok = of.filter(succeeded).length
    const failed = of.filter((r) => r.status === 'failed').length
    return { provider, count: of.length, succeeded: ok, failed, successRate: ok / (ok + failed) }
  }).filter((p) => p.count > 0)
  const sum = (list: Row[], f: (r: Row) => number) => list.reduce((s, r) => s + f(r), 0)
  return {
    count: mine.length,
    volume: Object.fromEntries(
      CURRENCIES.map((c) => [
        c,
        sum(
          mine.filter((r) => r.currency === c),
          (r) => r.amount
        ),
      ])
    ),
    byProvider,
    refunded: Object.fromEntries(
      CURRENCIES.map((c) => [
        c,
        sum(
          mine.filter((r) => r.currency === c),
          (r) => r.refunded
        ),
      ])
    ),
    chargebacks: mine.filter((r) => r.status === 'chargeback').length,
    declines: (provider: string) => {
      const counts = new Map<string, number>()
      for (const r of mine.filter((x) => x.provider === provider && x.status === 'failed'))
        counts.set(r.decline!, (counts.get(r.decline!) ?? 0) + 1)
      return [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([code, count]) => ({ code, count }))
    },
  }
}

interface Dashboard {
  payments: {
    count: number
    byStatus: { status: string; currency: string; count: number; volumeMinor: number }[]
  }
  providers: {
    provider: string
    count: number
    succeeded: number
    failed: number
    successRate: number
    topDeclineCodes: { code: string; count: number }[]
  }[]
  refunds: { currency: string; amountMinor: number }[]
  chargebacks: { count: number }[]
  series: { start: string; count: number; volumeMinor: Record<string, number> }[]
  bucket: string
}

const within = (days: number) => (r: Row) => r.createdAt >= now - days * DAY

describe('the analytics dashboard', () => {
  it("agrees with a count done another way, for one tenant's test payments over 30 days", async () => {
    const tenant = tenants[0]!
    const res = await call<Dashboard>('GET', '/v1/analytics/dashboard?range=30d', {
      token: tenant.token,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const want = expected(
      (r) => r.tenantId === tenant.tenantId && r.environment === 'test' && within(30)(r)
    )
    expect(res.body.payments.count).toBe(want.count)
    const volume = (currency: string) =>
      res.body.payments.byStatus
        .filter((s) => s.currency === currency)
        .reduce((sum, s) => sum + s.volumeMinor, 0)
    for (const currency of CURRENCIES)
      expect(volume(currency), currency).toBe(want.volume[currency])
    for (const p of want.byProvider) {
      const got = res.body.providers.find((x) => x.provider === p.provider)!
      expect(got).toMatchObject({ count: p.count, succeeded: p.succeeded, failed: p.failed })
      expect(got.successRate).toBeCloseTo(p.successRate, 12)
      expect(got.topDeclineCodes).toEqual(want.declines(p.provider).slice(0, 5))
    }
    for (const currency of CURRENCIES) {
      const got = res.body.refunds.find((r) => r.currency === currency)?.amountMinor ?? 0
      expect(got, currency).toBe(want.refunded[currency])
    }
    expect(res.body.chargebacks.reduce((s, c) => s + c.count, 0)).toBe(want.chargebacks)
    expect(res.body.bucket).toBe('day')
    const starts = res.body.series.map((b) => Date.parse(b.start))
    for (const start of starts) expect(start % 86_400_000, new Date(start).toISOString()).toBe(0)
    expect(new Set(starts).size).toBe(starts.length)
    expect(res.body.series.reduce((s, b) => s + b.count, 0)).toBe(want.count)
    for (const currency of CURRENCIES) {
      const inSeries = res.body.series.reduce((s, b) => s + (b.volumeMinor[currency] ?? 0), 0)
      expect(inSeries, currency).toBe(want.volume[currency])
    }
  })

  it('reports provider latency percentiles and the delivery rate of merchant notifications', async () => {
    const tenant = await createTestTenant()
    const at = Date.now() - 60_000
    const log = env.DB.prepare(
      `INSERT INTO provider_logs (id, tenant_id, provider, environment, operation, outcome, latency_ms, created_at)
       VALUES (?, ?, 'iyzico', ?, 'create', 'succeeded', ?, ?)`
    )
    // 1..101 ms in test (nearest rank: p50 = 51, p95 = 96), and a slow production call apart.
    await env.DB.batch([
      ...Array.from({ length: 101 }, (_, i) =>
        log.bind(newId('providerLog', at), tenant.tenantId, 'test', 101 - i, at)
      ),
      log.bind(newId('providerLog', at), tenant.tenantId, 'production', 9999, at),
    ])
    const endpoint = newId('webhookEndpoint', at)
    await env.DB.prepare(
      `INSERT INTO webhook_endpoints (id, tenant_id, url, mode, sealed_secret, status, created_at, updated_at)
       VALUES (?, ?, 'https://shop.example.com/hooks', 'test', 'x', 'enabled', ?, ?)`
    )
      .bind(endpoint, tenant.tenantId, at, at)
      .run()
    const delivery = env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, tenant_id, endpoint_id, event_id, event_type, status, attempts, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'payment.succeeded', ?, 1, ?, ?)`
    )
    const statuses = ['delivered', 'delivered', 'delivered', 'failed', 'pending']
    await env.DB.batch(
      statuses.map((status) =>
        delivery.bind(
          newId('webhookMessage', at),
          tenant.tenantId,
          endpoint,
          newId('event', at),
          status,
          at,
          at
        )
      )
    )
    const res = await call<{
      providers: {
        provider: string
        latencyMs: { p50: number; p95: number; calls: number } | null
      }[]
      webhooks: { delivered: number; failed: number; pending: number; successRate: number }
    }>('GET', '/v1/analytics/dashboard', { token: tenant.token })
    expect(res.body.webhooks).toEqual({ delivered: 3, failed: 1, pending: 1, successRate: 0.75 })
    const iyzico = res.body.providers.find((p) => p.provider === 'iyzico')
    expect(iyzico?.latencyMs).toEqual({ p50: 51, p95: 96, calls: 101 })
  })

  it('keeps environments apart, and gives the administrator every tenant', async () => {
    const admin = tenants[2]!
    const live = await call<Dashboard>(
      'GET',
      '/v1/analytics/dashboard?range=7d&environment=production&tenant=all',
      { token: admin.token }
    )
    expect(live.status, JSON.stringify(live.body)).toBe(200)
    const want = expected((r) => r.environment === 'production' && within(7)(r))
    // Other test files' payments are in the same database but not in this file's storage.
    expect(live.body.payments.count).toBe(want.count)
    expect(live.body.providers.map((p) => p.provider).sort()).toEqual(
      want.byProvider.map((p) => p.provider).sort()
    )
  })

  it('buckets by hour over 24 hours, and refuses what a caller may not read', async () => {
    const tenant = tenants[1]!
    const day = await call<Dashboard>('GET', '/v1/analytics/dashboard', { token: tenant.token })
    expect(day.body.bucket).toBe('hour')
    const want = expected(
      (r) => r.tenantId === tenant.tenantId && r.environment === 'test' && within(1)(r)
    )
    expect(day.body.payments.count).toBe(want.count)
    const other = await call<ErrorBody>(
      'GET',
      `/v1/analytics/dashboard?tenant=${tenants[0]!.tenantId}`,
      { token: tenant.token }
    )
    expect(other.status).toBe(403)
    const { key } = await createApiKey(tenant, 'test')
    const live = await call<ErrorBody>('GET', '/v1/analytics/dashboard?environment=production', {
      token: key,
    })
    expect(live.status).toBe(403)
    const bad = await call<ErrorBody>('GET', '/v1/analytics/dashboard?range=custom', {
      token: tenant.token,
    })
    expect(bad.status).toBe(400)
  })
})
