/**
 * @module `GET /v1/analytics/dashboard`: payment statistics for one environment (never test and
 * live mixed): counts and volume by status and currency, success rate, top decline codes and
 * latency per provider, refunds, chargebacks, merchant-notification delivery, and a time series
 * by hour (ranges up to two days) or by day. The caller's tenant; the administrator may ask for
 * another tenant or for all of them.
 */

import { EXAMPLE_IDS } from '#document-only'
import { DAY_MS, dashboardFigures, HOUR_MS } from '../../analytics/dashboard'
import { ApiError } from '../../errors'
import { ENVIRONMENTS } from '../../providers/types'
import { servicesOf } from '../../services'
import { route } from '../access'
import { commonErrors, createRouter, isoTime, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { listedEnvironment } from '../payment-api'

const RANGES = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const
const MAX_CUSTOM_MS = 366 * DAY_MS

const Money = z.object({
  currency: z.string(),
  count: z.number().int(),
  amountMinor: z.number().int(),
})

const Dashboard = z
  .object({
    success: z.literal(true),
    tenant: z.string().openapi({ description: 'The tenant, or `all`.' }),
    environment: z.enum(ENVIRONMENTS),
    from: z.string(),
    to: z.string(),
    bucket: z.enum(['hour', 'day']),
    payments: z.object({
      count: z.number().int(),
      byStatus: z.array(
        z.object({
          status: z.string(),
          currency: z.string(),
          count: z.number().int(),
          volumeMinor: z.number().int(),
        })
      ),
    }),
    providers: z.array(
      z.object({
        provider: z.string(),
        count: z.number().int(),
        succeeded: z.number().int(),
        failed: z.number().int(),
        successRate: z
          .number()
          .nullable()
          .openapi({ description: 'succeeded / (succeeded + failed); null when none ended.' }),
        topDeclineCodes: z.array(z.object({ code: z.string(), count: z.number().int() })),
        latencyMs: z
          .object({ p50: z.number(), p95: z.number(), calls: z.number().int() })
          .nullable(),
      })
    ),
    refunds: z.array(
      z.object({ currency: z.string(), payments: z.number().int(), amountMinor: z.number().int() })
    ),
    chargebacks: z.array(Money),
    webhooks: z.object({
      delivered: z.number().int(),
      failed: z.number().int(),
      pending: z.number().int(),
      successRate: z.number().nullable(),
    }),
    series: z.array(
      z.object({
        start: z.string(),
        count: z.number().int(),
        succeeded: z.number().int(),
        failed: z.number().int(),
        volumeMinor: z.record(z.string(), z.number().int()),
      })
    ),
  })
  .openapi('AnalyticsDashboard')

/** A provider's line of the example, its success rate computed as the gateway computes it. */
function provider(
  id: string,
  ended: { count: number; succeeded: number; failed: number },
  latencyMs: { p50: number; p95: number; calls: number }
) {
  const done = ended.succeeded + ended.failed
  return {
    provider: id,
    ...ended,
    successRate: done === 0 ? null : ended.succeeded / done,
    topDeclineCodes: [] as { code: string; count: number }[],
    latencyMs,
  }
}

/**
 * The story's day in test mode, asked at noon: seven payments of 100.50 TRY (the one that was
 * processing has been reconciled as successful since), one refunded in part.
 */
const dashboardExample = {
  success: true as const,
  tenant: EXAMPLE_IDS.tenant,
  environment: 'test' as const,
  from: '2026-12-06T12:00:00.000Z',
  to: '2026-12-07T12:00:00.000Z',
  bucket: 'hour' as const,
  payments: {
    count: 7,
    byStatus: [
      { status: 'authorized', currency: 'TRY', count: 2, volumeMinor: 20100 },
      { status: 'failed', currency: 'TRY', count: 1, volumeMinor: 10050 },
      { status: 'partially_refunded', currency: 'TRY', count: 1, volumeMinor: 10050 },
      { status: 'pending', currency: 'TRY', count: 2, volumeMinor: 20100 },
      { status: 'successful', currency: 'TRY', count: 1, volumeMinor: 10050 },
    ],
  },
  providers: [
    provider('adyen', { count: 1, succeeded: 1, failed: 0 }, { p50: 325, p95: 325, calls: 1 }),
    provider('iyzico', { count: 1, succeeded: 0, failed: 0 }, { p50: 412, p95: 412, calls: 1 }),
    {
      ...provider(
        'sandbox',
        { count: 5, succeeded: 3, failed: 1 },
        { p50: 176, p95: 240, calls: 7 }
      ),
      topDeclineCodes: [{ code: 'card_declined', count: 1 }],
    },
  ],
  refunds: [{ currency: 'TRY', payments: 1, amountMinor: 2550 }],
  chargebacks: [],
  webhooks: { delivered: 3, failed: 0, pending: 1, successRate: 1 },
  series: [
    {
      start: '2026-12-07T10:00:00.000Z',
      count: 7,
      succeeded: 4,
      failed: 1,
      volumeMinor: { TRY: 70350 },
    },
  ],
}

const dashboard = route('tenant', {
  method: 'get',
  path: '/v1/analytics/dashboard',
  operationId: 'getAnalyticsDashboard',
  tags: ['Analytics'],
  summary: 'Payment statistics, success rates and errors per provider, for one environment',
  request: {
    query: z.object({
      range: z.enum(['24h', '7d', '30d', 'custom']).default('24h').openapi({ example: '24h' }),
      from: isoTime
        .optional()
        .openapi({ description: 'With `range=custom`.', example: '2026-12-01T00:00:00Z' }),
      to: isoTime.optional().openapi({
        description: 'With `range=custom`; default now.',
        example: '2026-12-08T00:00:00Z',
      }),
      environment: z.enum(ENVIRONMENTS).optional().openapi({
        description: "Default: an API key's own; `test` for signed-in users.",
        example: 'test',
      }),
      tenant: z.string().max(64).optional().openapi({
        description: 'Administrator only: another tenant id, or `all`.',
        example: EXAMPLE_IDS.tenant,
      }),
    }),
  },
  responses: {
    200: jsonResponse(Dashboard, 'The figures.', { example: dashboardExample }),
    ...commonErrors,
  },
})

export const analyticsRoutes = createRouter().openapi(dashboard, async (c) => {
  const q = c.req.valid('query')
  const principal = c.get('principal')
  const services = servicesOf(c.env)
  // Never test and live on one screen: an API key's own mode, else the one asked for, else test.
  const environment = listedEnvironment(principal, q.environment, 'analytics') ?? 'test'
  if (q.tenant && q.tenant !== principal.tenantId && principal.role !== 'admin') {
    throw new ApiError('forbidden', 'Only the administrator may read another tenant’s analytics.')
  }
  const tenant = q.tenant ?? principal.tenantId
  const to = q.range === 'custom' ? (q.to ?? services.now()) : services.now()
  const from = q.range === 'custom' ? q.from : to - RANGES[q.range]
  if (from === undefined || !(from < to) || to - from > MAX_CUSTOM_MS) {
    throw new ApiError(
      'invalid_request',
      'range=custom needs from before to, at most 366 days apart.',
      [{ path: 'from', message: 'from must be before to, at most 366 days earlier' }]
    )
  }
  const bucketMs = to - from <= 2 * DAY_MS ? HOUR_MS : DAY_MS
  const figures = await dashboardFigures(c.env.DB, {
    tenantId: tenant === 'all' ? null : tenant,
    environment,
    from,
    to,
    bucketMs,
  })
  return c.json(
    {
      success: true as const,
      tenant,
      environment,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...figures,
    },
    200
  )
})
