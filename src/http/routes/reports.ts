/**
 * @module `GET /v1/reports`: the figures a merchant files, per day, ISO week or month of their own
 * time zone, and per currency and provider: gross sales, refunds, chargebacks, net, and the tax
 * included in the order lines. JSON, or CSV streamed chunk by chunk of periods. One environment
 * (an API key's own mode), the caller's tenant only.
 */

import { REPORT_CSV_EXAMPLE, REPORT_EXAMPLE } from '#document-only'
import { ENVIRONMENTS } from '../../providers/types'
import { csvLine } from '../../reports/csv'
import { reportChunks } from '../../reports/figures'
import {
  CSV_HEADER,
  csvOfChunk,
  type SalesRow,
  salesRow,
  type TaxRow,
  taxRow,
} from '../../reports/present'
import { reportPeriods } from '../../reports/request'
import { route } from '../access'
import { commonErrors, createRouter } from '../openapi'
import * as z from '../openapi-zod'
import { listedEnvironment } from '../payment-api'

const Minor = z.number().int()
const Major = z.string().openapi({ description: "Major units, the currency's decimals." })

const ReportRow = z.object({
  periodStart: z.string().openapi({ description: 'First local day of the period.' }),
  periodEnd: z.string().openapi({ description: 'Last local day of the period (inclusive).' }),
  startsAt: z.string().openapi({ description: 'The local midnight starting the period, in UTC.' }),
  endsAt: z.string().openapi({ description: 'The local midnight ending it (exclusive), in UTC.' }),
  currency: z.string(),
  provider: z.string(),
  successfulCount: Minor,
  failedCount: Minor,
  grossMinor: Minor,
  gross: Major,
  refundCount: Minor,
  refundsMinor: Minor,
  refunds: Major,
  chargebackCount: Minor,
  chargebacksMinor: Minor,
  chargebacks: Major,
  providerFeesMinor: z
    .null()
    .openapi({ description: 'Always null: no provider adapter reports its fees yet.' }),
  providerFees: z.null(),
  netMinor: Minor.openapi({ description: 'gross − refunds − chargebacks; may be negative.' }),
  net: Major,
})

const TaxLine = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  currency: z.string(),
  taxRate: z
    .number()
    .nullable()
    .openapi({ description: 'Percent; null for order lines sent without a taxRate.' }),
  lineCount: Minor,
  grossMinor: Minor,
  gross: Major,
  taxMinor: Minor.nullable(),
  tax: Major.nullable(),
})

const Report = z
  .object({
    success: z.literal(true),
    period: z.enum(['daily', 'weekly', 'monthly']),
    timezone: z.string(),
    from: z.string(),
    to: z.string(),
    environment: z.enum(ENVIRONMENTS),
    rows: z.array(ReportRow),
    tax: z.array(TaxLine),
  })
  .openapi('Report')

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .openapi({ description: 'A calendar date in `timezone`.' })

const report = route('tenant', {
  method: 'get',
  path: '/v1/reports',
  operationId: 'getReport',
  tags: ['Reports'],
  summary: 'Sales, refunds, chargebacks, net and tax per day, week or month, for one environment',
  description:
    'Gross is the captured amount of payments created in the period that took the money (status ' +
    '`successful`, `refunded`, `partially_refunded` or `chargeback`); refunds are succeeded refunds ' +
    'by the time they were made; chargebacks are payments in status `chargeback` by the time of ' +
    'their last change, for what was not refunded before. Periods start at local midnights of ' +
    '`timezone` (weeks on Monday); the first and last are clipped to `from` and `to`.',
  request: {
    query: z.object({
      period: z.enum(['daily', 'weekly', 'monthly']).default('monthly').openapi({
        example: 'monthly',
      }),
      from: Day.openapi({ example: '2026-11-01' }),
      to: Day.openapi({
        description: 'Inclusive. At most 366 days after `from` for daily, five years otherwise.',
        example: '2026-12-31',
      }),
      timezone: z.string().max(64).default('UTC').openapi({
        description: 'An IANA time zone.',
        example: 'Europe/Istanbul',
      }),
      format: z.enum(['json', 'csv']).default('json').openapi({ example: 'json' }),
      environment: z.enum(ENVIRONMENTS).optional().openapi({
        description: "Default: an API key's own; `test` for signed-in users.",
        example: 'test',
      }),
    }),
  },
  responses: {
    200: {
      description:
        'The report. CSV: RFC 4180, a `section` column (`sales` or `tax`); text cells starting ' +
        "with `=`, `+`, `-` or `@` carry a leading `'` (a negative `net` reads `'-12.50`), the " +
        '`*_minor` integer columns stay raw numbers.',
      content: {
        'application/json': { schema: Report, example: REPORT_EXAMPLE },
        'text/csv': { schema: z.string(), example: REPORT_CSV_EXAMPLE },
      },
    },
    ...commonErrors,
  },
})

export const reportRoutes = createRouter().openapi(report, async (c) => {
  const q = c.req.valid('query')
  const principal = c.get('principal')
  const environment = listedEnvironment(principal, q.environment, 'reports') ?? 'test'
  const periods = reportPeriods(q)
  const scope = { tenantId: principal.tenantId, environment }
  const chunks = reportChunks(c.env.DB, scope, periods)

  if (q.format === 'csv') {
    const encoder = new TextEncoder()
    let headerSent = false
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!headerSent) {
          headerSent = true
          controller.enqueue(encoder.encode(csvLine(CSV_HEADER)))
          return
        }
        const next = await chunks.next()
        if (next.done) {
          controller.close()
          return
        }
        controller.enqueue(encoder.encode(csvOfChunk(next.value, periods)))
      },
    })
    const filename = `report-${q.period}-${q.from}-${q.to}.csv`
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    })
  }

  const rows: SalesRow[] = []
  const tax: TaxRow[] = []
  for await (const chunk of chunks) {
    for (const s of chunk.sales) rows.push(salesRow(s, periods[s.period]!))
    for (const t of chunk.tax) tax.push(taxRow(t, periods[t.period]!))
  }
  return c.json(
    {
      success: true as const,
      period: q.period,
      timezone: q.timezone,
      from: q.from,
      to: q.to,
      environment,
      rows,
      tax,
    },
    200
  )
})
