/**
 * @module The report's rows as the API answers them: exact integer minor units beside a major-unit
 * string formatted once with the currency's ISO 4217 exponent, and the same rows as CSV lines.
 * Provider fees are `null`: no adapter reports the fees a provider kept yet.
 */
import { toMajorString } from '../domain/money'
import { type Cell, csvLine } from './csv'
import type { ReportChunk, SalesFigures, TaxFigures } from './figures'
import type { Period } from './periods'

const money = (minor: number, currency: string) => toMajorString(minor, currency)

export function salesRow(f: SalesFigures, period: Period) {
  const netMinor = f.grossMinor - f.refundsMinor - f.chargebacksMinor
  return {
    periodStart: period.firstDay,
    periodEnd: period.lastDay,
    startsAt: new Date(period.startMs).toISOString(),
    endsAt: new Date(period.endMs).toISOString(),
    currency: f.currency,
    provider: f.provider,
    successfulCount: f.successfulCount,
    failedCount: f.failedCount,
    grossMinor: f.grossMinor,
    gross: money(f.grossMinor, f.currency),
    refundCount: f.refundCount,
    refundsMinor: f.refundsMinor,
    refunds: money(f.refundsMinor, f.currency),
    chargebackCount: f.chargebackCount,
    chargebacksMinor: f.chargebacksMinor,
    chargebacks: money(f.chargebacksMinor, f.currency),
    providerFeesMinor: null,
    providerFees: null,
    netMinor,
    net: money(netMinor, f.currency),
  }
}

export function taxRow(f: TaxFigures, period: Period) {
  return {
    periodStart: period.firstDay,
    periodEnd: period.lastDay,
    currency: f.currency,
    taxRate: f.taxRateBp === null ? null : f.taxRateBp / 100,
    lineCount: f.lineCount,
    grossMinor: f.grossMinor,
    gross: money(f.grossMinor, f.currency),
    taxMinor: f.taxMinor,
    tax: f.taxMinor === null ? null : money(f.taxMinor, f.currency),
  }
}

export type SalesRow = ReturnType<typeof salesRow>
export type TaxRow = ReturnType<typeof taxRow>

export const CSV_HEADER = [
  'section',
  'period_start',
  'period_end',
  'currency',
  'provider',
  'tax_rate',
  'successful_count',
  'failed_count',
  'line_count',
  'gross_minor',
  'gross',
  'refund_count',
  'refunds_minor',
  'refunds',
  'chargeback_count',
  'chargebacks_minor',
  'chargebacks',
  'provider_fees_minor',
  'provider_fees',
  'net_minor',
  'net',
  'tax_minor',
  'tax',
]

export const salesCells = (r: SalesRow): Cell[] => [
  'sales',
  r.periodStart,
  r.periodEnd,
  r.currency,
  r.provider,
  null,
  r.successfulCount,
  r.failedCount,
  null,
  r.grossMinor,
  r.gross,
  r.refundCount,
  r.refundsMinor,
  r.refunds,
  r.chargebackCount,
  r.chargebacksMinor,
  r.chargebacks,
  null,
  null,
  r.netMinor,
  r.net,
  null,
  null,
]

export const taxCells = (r: TaxRow): Cell[] => [
  'tax',
  r.periodStart,
  r.periodEnd,
  r.currency,
  null,
  r.taxRate === null ? null : String(r.taxRate),
  null,
  null,
  r.lineCount,
  r.grossMinor,
  r.gross,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  null,
  r.taxMinor,
  r.tax,
]

/** A chunk's CSV lines: per period, its sales lines and then its tax lines (both come sorted). */
export function csvOfChunk(chunk: ReportChunk, periods: readonly Period[]) {
  const lines: string[] = []
  let t = 0
  for (let s = 0; s <= chunk.sales.length; s++) {
    const sale = chunk.sales[s]
    // Before the first sales line of a later period (or at the end): the tax lines before it.
    if (!sale || sale.period !== chunk.sales[s - 1]?.period) {
      while (t < chunk.tax.length && (!sale || chunk.tax[t]!.period < sale.period)) {
        const tax = chunk.tax[t++]!
        lines.push(csvLine(taxCells(taxRow(tax, periods[tax.period]!))))
      }
    }
    if (sale) lines.push(csvLine(salesCells(salesRow(sale, periods[sale.period]!))))
  }
  return lines.join('')
}
