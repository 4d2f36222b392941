/**
 * The figures of `GET /v1/reports` against 4,000 generated payments of two tenants in two
 * environments, in currencies with 0, 2 and 3 decimals, with refunds, chargebacks and taxed order
 * lines: every figure equals a sum done another way, here in JavaScript over the same generated
 * rows, by month, by Istanbul day and by ISO week. Month and day boundaries land where a calendar
 * of Istanbul or New York says; the tax of order lines given to the API is reported.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { toMajorString } from '../../src/domain/money'
import { createPayingTenant, pay } from '../helpers/payments'
import {
  DAY,
  HOUR,
  type Payment,
  type Refund,
  type ReportRow,
  report,
  SOLD,
  seedReportData,
  single,
  store,
} from '../helpers/reports'
import { createTestTenant, type TestTenant } from '../helpers/tenant'

let tenants: TestTenant[]
let payments: Payment[]
let refunds: Refund[]

beforeAll(async () => {
  const data = await seedReportData()
  tenants = data.tenants
  payments = data.payments
  refunds = data.refunds
})

/** Figures by `period|currency|provider`, summed in JavaScript; `periodOf` maps an instant. */
function expectedSales(
  tenantId: string,
  environment: string,
  periodOf: (ms: number) => string | null
) {
  const sums = new Map<string, Record<string, number>>()
  const add = (ms: number, p: Payment, field: string, value: number) => {
    const period = periodOf(ms)
    if (period === null) return
    const key = `${period}|${p.currency}|${p.provider}`
    const entry = sums.get(key) ?? {}
    entry[field] = (entry[field] ?? 0) + value
    sums.set(key, entry)
  }
  const mine = payments.filter((p) => p.tenantId === tenantId && p.environment === environment)
  for (const p of mine) {
    add(p.createdAt, p, 'successfulCount', SOLD.includes(p.status) ? 1 : 0)
    add(p.createdAt, p, 'failedCount', p.status === 'failed' ? 1 : 0)
    add(p.createdAt, p, 'grossMinor', SOLD.includes(p.status) ? p.amount : 0)
    if (p.status === 'chargeback') {
      add(p.updatedAt, p, 'chargebackCount', 1)
      add(p.updatedAt, p, 'chargebacksMinor', p.amount - p.refunded)
    }
  }
  for (const r of refunds) {
    const p = r.payment
    if (p.tenantId !== tenantId || p.environment !== environment || r.status !== 'succeeded')
      continue
    add(r.createdAt, p, 'refundCount', 1)
    add(r.createdAt, p, 'refundsMinor', r.amount)
  }
  return sums
}

/** Tax by `period|currency|rate`, line by line. */
function expectedTax(
  tenantId: string,
  environment: string,
  periodOf: (ms: number) => string | null
) {
  const sums = new Map<string, { lines: number; gross: number; tax: number | null }>()
  for (const p of payments) {
    if (p.tenantId !== tenantId || p.environment !== environment || !SOLD.includes(p.status))
      continue
    for (const item of p.items ?? []) {
      const bp = item.taxRateBp ?? null
      const key = `${periodOf(p.createdAt)}|${p.currency}|${bp === null ? null : bp / 100}`
      const gross = item.unitPriceMinor * item.quantity
      const entry = sums.get(key) ?? { lines: 0, gross: 0, tax: bp === null ? null : 0 }
      entry.lines += 1
      entry.gross += gross
      if (bp !== null) entry.tax = entry.tax! + Math.round((gross * bp) / (10_000 + bp))
      sums.set(key, entry)
    }
  }
  return sums
}

const utcMonth = (ms: number) =>
  ms < Date.UTC(2026, 2, 1) ? `${new Date(ms).toISOString().slice(0, 7)}-01` : null
/** Istanbul has kept UTC+3 all year since 2016: its calendar is UTC shifted by three hours. */
const istanbulDay = (ms: number) => new Date(ms + 3 * HOUR).toISOString().slice(0, 10)

function compareSales(
  rows: ReportRow[],
  want: Map<string, Record<string, number>>,
  keyOf: (r: ReportRow) => string
) {
  expect(want.size).toBeGreaterThan(10)
  const got = new Map(rows.map((r) => [keyOf(r), r]))
  for (const [key, sums] of want) {
    const row = got.get(key)
    expect(row, key).toBeDefined()
    for (const field of [
      'successfulCount',
      'failedCount',
      'grossMinor',
      'refundCount',
      'refundsMinor',
      'chargebackCount',
      'chargebacksMinor',
    ] as const) {
      expect(row![field], `${key} ${field}`).toBe(sums[field] ?? 0)
    }
    const net = (sums.grossMinor ?? 0) - (sums.refundsMinor ?? 0) - (sums.chargebacksMinor ?? 0)
    expect(row!.netMinor, key).toBe(net)
    expect(row!.net).toBe(toMajorString(net, row!.currency))
    expect(row!.gross).toBe(toMajorString(row!.grossMinor, row!.currency))
    expect(row!.providerFeesMinor).toBeNull()
  }
  expect(rows.length).toBe(want.size)
}

describe('the merchant report', () => {
  it("agrees with sums done another way, month by month, for one tenant's test payments", async () => {
    const tenant = tenants[0]!
    const res = await report(tenant, 'period=monthly&from=2025-01-01&to=2026-02-28')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.environment).toBe('test')
    compareSales(
      res.body.rows,
      expectedSales(tenant.tenantId, 'test', utcMonth),
      (r) => `${r.periodStart}|${r.currency}|${r.provider}`
    )
    const tax = expectedTax(tenant.tenantId, 'test', utcMonth)
    expect(res.body.tax.length).toBe(tax.size)
    for (const t of res.body.tax) {
      const want = tax.get(`${t.periodStart}|${t.currency}|${t.taxRate}`)
      expect(want, JSON.stringify(t)).toBeDefined()
      expect([t.lineCount, t.grossMinor, t.taxMinor]).toEqual([want!.lines, want!.gross, want!.tax])
    }
  })

  it('agrees day by day in Istanbul, for the other tenant in production', async () => {
    const tenant = tenants[1]!
    const res = await report(
      tenant,
      'period=daily&from=2025-01-01&to=2025-12-31&timezone=Europe/Istanbul&environment=production'
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const inYear = (ms: number) => {
      const day = istanbulDay(ms)
      return day.startsWith('2025-') ? day : null
    }
    compareSales(
      res.body.rows,
      expectedSales(tenant.tenantId, 'production', inYear),
      (r) => `${r.periodStart}|${r.currency}|${r.provider}`
    )
  })

  it('sums ISO weeks from Monday to Sunday', async () => {
    const tenant = tenants[0]!
    const res = await report(tenant, 'period=weekly&from=2025-03-03&to=2025-06-29')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const mondayOf = (ms: number) => {
      if (ms < Date.UTC(2025, 2, 3) || ms >= Date.UTC(2025, 5, 30)) return null
      const day = Math.floor(ms / DAY)
      return new Date((day - ((day + 3) % 7)) * DAY).toISOString().slice(0, 10)
    }
    for (const r of res.body.rows) {
      expect(new Date(`${r.periodStart}T00:00:00Z`).getUTCDay()).toBe(1)
    }
    compareSales(
      res.body.rows,
      expectedSales(tenant.tenantId, 'test', mondayOf),
      (r) => `${r.periodStart}|${r.currency}|${r.provider}`
    )
  })
})

const grossBy = (rows: ReportRow[]) =>
  Object.fromEntries(rows.map((r) => [r.periodStart, r.grossMinor]))

describe('period boundaries', () => {
  it('puts 23:30 on the last day of a month in that month and 00:30 on the 1st in the next, in Istanbul', async () => {
    const tenant = await createTestTenant()
    await store(
      [
        single(tenant, Date.parse('2026-03-31T23:30:00+03:00'), 1),
        single(tenant, Date.parse('2026-04-01T00:30:00+03:00'), 20),
      ],
      []
    )
    const res = await report(
      tenant,
      'period=monthly&from=2026-03-01&to=2026-04-30&timezone=Europe/Istanbul'
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(grossBy(res.body.rows)).toEqual({ '2026-03-01': 1, '2026-04-01': 20 })
  })

  it('follows New York across the March and November DST changes', async () => {
    const tenant = await createTestTenant()
    // EST is UTC-5, EDT (from 8 March to 1 November 2026) UTC-4.
    await store(
      [
        single(tenant, Date.parse('2026-02-28T23:30:00-05:00'), 1),
        single(tenant, Date.parse('2026-03-01T00:30:00-05:00'), 10),
        single(tenant, Date.parse('2026-03-31T23:30:00-04:00'), 100),
        single(tenant, Date.parse('2026-04-01T00:30:00-04:00'), 1000),
        single(tenant, Date.parse('2026-10-31T23:30:00-04:00'), 10_000),
        single(tenant, Date.parse('2026-11-01T00:30:00-04:00'), 100_000),
        single(tenant, Date.parse('2026-11-01T23:30:00-05:00'), 1_000_000),
        single(tenant, Date.parse('2026-11-30T23:30:00-05:00'), 10_000_000),
        single(tenant, Date.parse('2026-12-01T00:30:00-05:00'), 100_000_000),
      ],
      []
    )
    const months = await report(
      tenant,
      'period=monthly&from=2026-02-01&to=2026-12-31&timezone=America/New_York'
    )
    expect(months.status, JSON.stringify(months.body)).toBe(200)
    expect(grossBy(months.body.rows)).toEqual({
      '2026-02-01': 1,
      '2026-03-01': 110,
      '2026-04-01': 1000,
      '2026-10-01': 10_000,
      '2026-11-01': 11_100_000,
      '2026-12-01': 100_000_000,
    })
    // 1 November 2026 lasts 25 hours: 00:30 EDT and 23:30 EST are the same day.
    const days = await report(
      tenant,
      'period=daily&from=2026-10-31&to=2026-11-02&timezone=America/New_York'
    )
    expect(grossBy(days.body.rows)).toEqual({ '2026-10-31': 10_000, '2026-11-01': 1_100_000 })
  })
})

describe('taxed order lines', () => {
  it('stores the items of a payment made through the API and reports their tax', async () => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant, {
      amount: '150.00',
      items: [
        { name: 'Book', price: '50.00', quantity: 1, taxRate: 10 },
        { name: 'Lamp', price: '50.00', quantity: 2, taxRate: 20 },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const today = (res.body as unknown as { createdAt: string }).createdAt.slice(0, 10)
    const body = await report(tenant, `period=daily&from=${today}&to=${today}`)
    expect(body.body.tax.map((t) => [t.taxRate, t.grossMinor, t.taxMinor])).toEqual([
      [10, 5000, 455],
      [20, 10000, 1667],
    ])
  })

  it('refuses a tax rate with more than two decimals', async () => {
    const tenant = await createPayingTenant()
    const res = await pay(tenant, {
      items: [{ name: 'Book', price: '100.50', taxRate: 8.125 }],
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('items.0.taxRate')
  })
})
