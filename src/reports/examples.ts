/**
 * @module The report of the OpenAPI document: two months of a shop in Istanbul (UTC+3) in test
 * mode. December's refund is of a November payment, so December's net is negative; its CSV example
 * is the same report written by the gateway's own CSV code.
 */
import { csvLine } from './csv'
import { CSV_HEADER, salesCells, taxCells } from './present'

const NOVEMBER = {
  periodStart: '2026-11-01',
  periodEnd: '2026-11-30',
  startsAt: '2026-10-31T21:00:00.000Z',
  endsAt: '2026-11-30T21:00:00.000Z',
}
const DECEMBER = {
  periodStart: '2026-12-01',
  periodEnd: '2026-12-31',
  startsAt: '2026-11-30T21:00:00.000Z',
  endsAt: '2026-12-31T21:00:00.000Z',
}
const NO_FEES = { providerFeesMinor: null, providerFees: null }

const rows = [
  {
    ...NOVEMBER,
    currency: 'TRY',
    provider: 'iyzico',
    successfulCount: 7,
    failedCount: 1,
    grossMinor: 70350,
    gross: '703.50',
    refundCount: 0,
    refundsMinor: 0,
    refunds: '0.00',
    chargebackCount: 0,
    chargebacksMinor: 0,
    chargebacks: '0.00',
    ...NO_FEES,
    netMinor: 70350,
    net: '703.50',
  },
  {
    ...NOVEMBER,
    currency: 'TRY',
    provider: 'sandbox',
    successfulCount: 42,
    failedCount: 3,
    grossMinor: 1250000,
    gross: '12500.00',
    refundCount: 2,
    refundsMinor: 35050,
    refunds: '350.50',
    chargebackCount: 1,
    chargebacksMinor: 10050,
    chargebacks: '100.50',
    ...NO_FEES,
    netMinor: 1204900,
    net: '12049.00',
  },
  {
    ...DECEMBER,
    currency: 'TRY',
    provider: 'sandbox',
    successfulCount: 5,
    failedCount: 0,
    grossMinor: 50250,
    gross: '502.50',
    refundCount: 1,
    refundsMinor: 60000,
    refunds: '600.00',
    chargebackCount: 0,
    chargebacksMinor: 0,
    chargebacks: '0.00',
    ...NO_FEES,
    netMinor: -9750,
    net: '-97.50',
  },
]

const { startsAt: _s, endsAt: _e, ...NOVEMBER_DAYS } = NOVEMBER
const { startsAt: _s2, endsAt: _e2, ...DECEMBER_DAYS } = DECEMBER

const tax = [
  {
    ...NOVEMBER_DAYS,
    currency: 'TRY',
    taxRate: 10,
    lineCount: 12,
    grossMinor: 350000,
    gross: '3500.00',
    taxMinor: 31818,
    tax: '318.18',
  },
  {
    ...NOVEMBER_DAYS,
    currency: 'TRY',
    taxRate: 20,
    lineCount: 30,
    grossMinor: 900000,
    gross: '9000.00',
    taxMinor: 150000,
    tax: '1500.00',
  },
  {
    ...DECEMBER_DAYS,
    currency: 'TRY',
    taxRate: null,
    lineCount: 5,
    grossMinor: 50250,
    gross: '502.50',
    taxMinor: null,
    tax: null,
  },
]

export const REPORT_EXAMPLE = {
  success: true as const,
  period: 'monthly' as const,
  timezone: 'Europe/Istanbul',
  from: '2026-11-01',
  to: '2026-12-31',
  environment: 'test' as const,
  rows,
  tax,
}

export const REPORT_CSV_EXAMPLE = [
  csvLine(CSV_HEADER),
  csvLine(salesCells(rows[0]!)),
  csvLine(salesCells(rows[1]!)),
  ...tax.slice(0, 2).map((t) => csvLine(taxCells(t))),
  csvLine(salesCells(rows[2]!)),
  csvLine(taxCells(tax[2]!)),
].join('')
