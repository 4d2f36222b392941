/**
 * Report fixtures: 4,000 generated payments of two tenants in two environments, in currencies
 * with 0, 2 and 3 decimals, with refunds, chargebacks and taxed order lines, written straight to
 * D1 (the same rows every run); single payments at chosen instants; and `GET /v1/reports`.
 */
import { env } from 'cloudflare:workers'
import type { StoredItem } from '../../src/db/schema'
import { newId } from '../../src/domain/ids'
import { call } from './http'
import { random } from './random'
import { createTestTenant, type TestTenant } from './tenant'

export const HOUR = 60 * 60 * 1000
export const DAY = 24 * HOUR
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
export const SOLD = ['successful', 'refunded', 'partially_refunded', 'chargeback']
const RATES_BP = [2000, 1000, 850, undefined]

export interface Payment {
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

export interface Refund {
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

/** Writes payments and their refunds straight to D1, 500 statements a batch. */
export async function store(payments: Payment[], refunds: Refund[]) {
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

export interface ReportData {
  tenants: TestTenant[]
  payments: Payment[]
  refunds: Refund[]
}

/** Two new tenants and the generated payments and refunds, stored; for a `beforeAll`. */
export async function seedReportData(): Promise<ReportData> {
  const tenants = [await createTestTenant(), await createTestTenant()]
  const next = random(14)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const payments = Array.from({ length: 4000 }, () => {
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
  const refunds = payments.flatMap((payment) => {
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
  return { tenants, payments, refunds }
}

export interface ReportRow {
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
export interface TaxRow {
  periodStart: string
  currency: string
  taxRate: number | null
  lineCount: number
  grossMinor: number
  taxMinor: number | null
}
export interface Report {
  rows: ReportRow[]
  tax: TaxRow[]
  environment: string
}

export const report = (tenant: TestTenant | string, query: string) =>
  call<Report>('GET', `/v1/reports?${query}`, {
    token: typeof tenant === 'string' ? tenant : tenant.token,
  })

/** One payment of a lone tenant at an instant, its amount telling it apart. */
export function single(
  tenant: TestTenant,
  at: number,
  amount: number,
  overrides: Partial<Payment> = {}
) {
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
