/**
 * `GET /v1/reports` against 4,000 generated payments of two tenants in two environments, in
 * currencies with 0, 2 and 3 decimals, with refunds, chargebacks and taxed order lines: every
 * figure equals a sum done another way, here in JavaScript over the same generated rows. Month
 * boundaries land where a calendar of Istanbul or New York says; the CSV parses back to the same
 * numbers and defuses formulas.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { StoredItem } from '../../src/db/schema'
import { newId } from '../../src/domain/ids'
import { toMajorString } from '../../src/domain/money'
import { call, type ErrorBody } from '../helpers/http'
import { createPayingTenant, pay } from '../helpers/payments'
import { random } from '../helpers/random'
import { createApiKey, createTestTenant, type TestTenant } from '../helpers/tenant'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const YEAR_START = Date.UTC(2025, 0, 1)
const PROVIDERS = ['sandbox', 'iyzico']
const CURRENCIES = ['TRY', 'JPY', 'KWD']
const STATUSES = [
  'successful',
  'failed',
  'refunded',
  'partially_refunded',
  'chargeback',
  'pending',
  'authorized',
]
const SOLD = ['successful', 'refunded', 'partially_refunded', 'chargeback']
const RATES_BP = [2000, 1000, 850, undefined]

interface Payment {
  id: string
  tenantId: string
  environment: 'test' | 'production'
  provider: string
  status: string
  currency: string
  amount: number
  refunded: number
  items: StoredItem[] | null
  createdAt: number
  updatedAt: number
}

interface Refund {
  payment: Payment
  amount: number
  status: 'succeeded' | 'failed'
  createdAt: number
}

const insertPayment = () =>
  env.DB.prepare(
    `INSERT INTO payments (id, tenant_id, provider, environment, status, version, amount_minor, currency,
       captured_minor, refunded_minor, refund_reserved_minor, items, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`
  )
const insertRefund = () =>
  env.DB.prepare(
    `INSERT INTO refunds (id, tenant_id, payment_id, amount_minor, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  )

async function store(payments: Payment[], refunds: Refund[]) {
  const p = insertPayment()
  const r = insertRefund()
  const statements = [
    ...payments.map((x) =>
      p.bind(
        x.id,
        x.tenantId,
        x.provider,
        x.environment,
        x.status,
        x.amount,
        x.currency,
        SOLD.includes(x.status) ? x.amount : 0,
        x.refunded,
        x.refunded,
        x.items && JSON.stringify(x.items),
        x.createdAt,
        x.updatedAt
      )
    ),
    ...refunds.map((x) =>
      r.bind(
        newId('refund', x.createdAt),
        x.payment.tenantId,
        x.payment.id,
        x.amount,
        x.status,
        x.createdAt,
        x.createdAt
      )
    ),
  ]
  for (let i = 0; i < statements.length; i += 500) {
    await env.DB.batch(statements.slice(i, i + 500))
  }
}

let tenants: TestTenant[]
let payments: Payment[]
let refunds: Refund[]

beforeAll(async () => {
  tenants = [await createTestTenant(), await createTestTenant()]
  const next = random(14)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  payments = Array.from({ length: 4000 }, () => {
    const status = pick(STATUSES)
    const currency = pick(CURRENCIES)
    const createdAt = YEAR_START + Math.floor(next() * 365 * DAY)
    const items = Array.from({ length: Math.floor(next() * 4) }, (_, i) => ({
      name: `line ${i}`,
      unitPriceMinor: 1 + Math.floor(next() * 50_000),
      quantity: 1 + Math.floor(next() * 3),
      ...(pick(RATES_BP) === undefined ? {} : { taxRateBp: pick([2000, 1000, 850]) }),
    }))
    const amount = 1 + Math.floor(next() * 100_000)
    return {
      id: newId('payment', createdAt),
      tenantId: pick(tenants).tenantId,
      environment: next() < 0.7 ? 'test' : 'production',
      provider: pick(PROVIDERS),
      status,
      currency,
      amount,
      refunded: status === 'refunded' ? amount : status === 'partially_refunded' ? amount >> 1 : 0,
      items: items.length > 0 ? items : null,
      createdAt,
      updatedAt: createdAt + Math.floor(next() * 60 * DAY),
    } satisfies Payment
  })
  refunds = payments.flatMap((payment) => {
    if (payment.refunded === 0) return []
    const later = (days: number) => payment.createdAt + Math.floor(next() * days * DAY)
    return [
      { payment, amount: payment.refunded, status: 'succeeded' as const, createdAt: later(40) },
      {
        payment,
        amount: 1 + (payment.amount >> 2),
        status: 'failed' as const,
        createdAt: later(5),
      },
    ]
  })
  await store(payments, refunds)
})

interface ReportRow {
  periodStart: string
  periodEnd: string
  currency: string
  provider: string
  successfulCount: number
  failedCount: number
  grossMinor: number
  gross: string
  refundCount: number
  refundsMinor: number
  chargebackCount: number
  chargebacksMinor: number
  providerFeesMinor: null
  netMinor: number
  net: string
}
interface TaxRow {
  periodStart: string
  currency: string
  taxRate: number | null
  lineCount: number
  grossMinor: number
  taxMinor: number | null
}
interface Report {
  rows: ReportRow[]
  tax: TaxRow[]
  environment: string
}

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

const report = (tenant: TestTenant | string, query: string) =>
  call<Report>('GET', `/v1/reports?${query}`, {
    token: typeof tenant === 'string' ? tenant : tenant.token,
  })

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

/** One payment of a lone tenant at an instant, its amount telling it apart. */
function single(tenant: TestTenant, at: number, amount: number, overrides: Partial<Payment> = {}) {
  return {
    id: newId('payment', at),
    tenantId: tenant.tenantId,
    environment: 'test',
    provider: 'sandbox',
    status: 'successful',
    currency: 'TRY',
    amount,
    refunded: 0,
    items: null,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  } satisfies Payment
}

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

/** RFC 4180: fields split on commas outside quotes, quotes doubled inside, records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (ch === '"') {
        quoted = false
        i++
      } else {
        field += ch
        i++
      }
    } else if (ch === '"') {
      quoted = true
      i++
    } else if (ch === ',') {
      record.push(field)
      field = ''
      i++
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field)
      records.push(record)
      record = []
      field = ''
      i += 2
    } else {
      field += ch
      i++
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF')
  return records
}

describe('the CSV report', () => {
  it('parses back to the numbers of the JSON report', async () => {
    const tenant = tenants[0]!
    const query = 'period=daily&from=2025-01-01&to=2025-12-31&timezone=Europe/Istanbul'
    const json = await report(tenant, query)
    const res = await call<string>('GET', `/v1/reports?${query}&format=csv`, {
      token: tenant.token,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="report-daily-2025-01-01-2025-12-31.csv"'
    )
    const [header, ...records] = parseCsv(res.body)
    const at = (record: string[], name: string) => record[header!.indexOf(name)]!
    const sales = records.filter((r) => at(r, 'section') === 'sales')
    const tax = records.filter((r) => at(r, 'section') === 'tax')
    expect(sales.length).toBe(json.body.rows.length)
    expect(tax.length).toBe(json.body.tax.length)
    const byKey = new Map(
      json.body.rows.map((r) => [`${r.periodStart}|${r.currency}|${r.provider}`, r])
    )
    for (const record of sales) {
      const row = byKey.get(
        `${at(record, 'period_start')}|${at(record, 'currency')}|${at(record, 'provider')}`
      )!
      expect(Number(at(record, 'gross_minor'))).toBe(row.grossMinor)
      expect(Number(at(record, 'refunds_minor'))).toBe(row.refundsMinor)
      expect(Number(at(record, 'chargebacks_minor'))).toBe(row.chargebacksMinor)
      expect(Number(at(record, 'net_minor'))).toBe(row.netMinor)
      expect(Number(at(record, 'successful_count'))).toBe(row.successfulCount)
      expect(at(record, 'net')).toBe(row.netMinor < 0 ? `'${row.net}` : row.net)
      expect(at(record, 'provider_fees')).toBe('')
    }
    const taxTotal = tax.reduce((sum, r) => sum + Number(at(r, 'tax_minor') || 0), 0)
    expect(taxTotal).toBe(json.body.tax.reduce((sum, t) => sum + (t.taxMinor ?? 0), 0))
  })

  it('defuses formula cells and writes a negative net that no spreadsheet runs', async () => {
    const tenant = await createTestTenant()
    const march = Date.parse('2026-03-10T12:00:00Z')
    const evil = single(tenant, march, 5000, { provider: '=HYPERLINK("http://x","y"),@' })
    const refunded = single(tenant, march, 7000, { status: 'refunded', refunded: 7000 })
    await store(
      [evil, refunded],
      [{ payment: refunded, amount: 7000, status: 'succeeded', createdAt: Date.UTC(2026, 3, 2) }]
    )
    const res = await call<string>(
      'GET',
      '/v1/reports?period=monthly&from=2026-03-01&to=2026-04-30&format=csv',
      { token: tenant.token }
    )
    expect(res.status).toBe(200)
    expect(res.body).toContain(`,"'=HYPERLINK(""http://x"",""y""),@",`)
    const [header, ...records] = parseCsv(res.body)
    const at = (record: string[], name: string) => record[header!.indexOf(name)]!
    const april = records.find((r) => at(r, 'period_start') === '2026-04-01')!
    expect(at(april, 'net_minor')).toBe('-7000')
    expect(at(april, 'net')).toBe("'-70.00")
    for (const record of records) {
      for (const cell of record) expect(cell).not.toMatch(/^[=+@\t\r]/)
    }
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

describe('report access', () => {
  it("never shows another tenant's payments", async () => {
    const stranger = await createTestTenant()
    const res = await report(stranger, 'period=monthly&from=2025-01-01&to=2025-12-31')
    expect(res.status).toBe(200)
    expect(res.body.rows).toEqual([])
    expect(res.body.tax).toEqual([])
  })

  it('refuses production figures to a test API key', async () => {
    const key = await createApiKey(tenants[0]!, 'test')
    const res = await call<ErrorBody>(
      'GET',
      '/v1/reports?from=2025-01-01&to=2025-12-31&environment=production',
      { token: key.key }
    )
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
  })

  it('asks for credentials', async () => {
    const res = await call<ErrorBody>('GET', '/v1/reports?from=2025-01-01&to=2025-12-31')
    expect(res.status).toBe(401)
  })

  it.each([
    ['an unknown time zone', 'from=2025-01-01&to=2025-01-31&timezone=Mars/Base', 'timezone'],
    ['a date that does not exist', 'from=2025-02-30&to=2025-03-31', 'from'],
    ['to before from', 'from=2025-03-01&to=2025-02-01', 'to'],
    ['more than 366 days by day', 'period=daily&from=2025-01-01&to=2026-01-02', 'to'],
    ['more than five years by month', 'period=monthly&from=2020-01-01&to=2025-01-31', 'to'],
    ['an unknown period', 'period=hourly&from=2025-01-01&to=2025-01-31', 'period'],
    ['no dates', 'period=daily', 'from'],
  ])('answers 400 invalid_request for %s', async (_, query, path) => {
    const res = await call<ErrorBody>('GET', `/v1/reports?${query}`, {
      token: tenants[0]!.token,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.code).toBe('invalid_request')
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path }))
  })
})
