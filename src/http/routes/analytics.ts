/**
 * @module `GET /v1/analytics/dashboard`: payment statistics for one environment (never test and
 * live mixed): counts and volume by status and currency, success rate, top decline codes and
 * latency per provider, refunds, chargebacks, merchant-notification delivery, and a time series
 * by hour (ranges up to two days) or by day. The caller's tenant; the administrator may ask for
 * another tenant or for all of them.
 */
import { z } from '@hono/zod-openapi'
import { DAY_MS, dashboardFigures, HOUR_MS } from '../../analytics/dashboard'
import { ENVIRONMENTS } from '../../providers/types'
import { route } from '../access'
import { ApiError } from '../errors'
import { commonErrors, createRouter, isoTime, jsonResponse } from '../openapi'
import { listedEnvironment } from '../payment-api'
import { servicesOf } from '../services'

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

const dashboard = route('tenant', {
  method: 'get',
  path: '/v1/analytics/dashboard',
  operationId: 'getAnalyticsDashboard',
  tags: ['Analytics'],
  summary: 'Payment statistics, success rates and errors per provider, for one environment',
  request: {
    query: z.object({
      range: z.enum(['24h', '7d', '30d', 'custom']).default('24h'),
      from: isoTime.optional().openapi({ description: 'With `range=custom`.' }),
      to: isoTime.optional().openapi({ description: 'With `range=custom`; default now.' }),
      environment: z.enum(ENVIRONMENTS).optional().openapi({
        description: "Default: an API key's own; `test` for signed-in users.",
      }),
      tenant: z.string().max(64).optional().openapi({
        description: 'Administrator only: another tenant id, or `all`.',
      }),
    }),
  },
  responses: { 200: jsonResponse(Dashboard, 'The figures.'), ...commonErrors },
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
