/**
 * @module `GET /v1/logs/{provider}`: the audit trail of what the gateway sent a provider and what
 * came back, for the caller's tenant only, newest first: every call with its operation, outcome,
 * HTTP status and latency, and both bodies as they were logged (card numbers cut to first 6 +
 * last 4, security codes and credentials replaced). Kept for `PROVIDER_LOG_RETENTION_DAYS`.
 */
import { z } from '@hono/zod-openapi'
import type { ProviderLogRow } from '../../db/repos/events'
import { listProviderLogs } from '../../db/repos/provider-logs'
import { ENVIRONMENTS } from '../../providers/types'
import { route } from '../access'
import {
  commonErrors,
  createRouter,
  errorResponse,
  isoTime,
  jsonResponse,
  nextCursorOf,
} from '../openapi'
import { listedEnvironment } from '../payment-api'
import { requireProvider } from '../providers'
import { servicesOf } from '../services'

const LoggedCall = z
  .object({
    id: z.string().openapi({ example: 'plog_01JF4M5XQ8Z3W6V1B2N7K9C0DE' }),
    provider: z.string(),
    environment: z.enum(ENVIRONMENTS).nullable(),
    paymentId: z.string().nullable(),
    requestId: z.string().nullable().openapi({
      description: 'The `X-Request-Id` of the request that made the call; null for the cron.',
    }),
    operation: z.string().openapi({ example: 'create' }),
    outcome: z.string().openapi({ example: 'succeeded' }),
    httpStatus: z.number().int().nullable().openapi({ description: 'Null: no answer arrived.' }),
    latencyMs: z.number().int(),
    request: z.object({ method: z.string(), url: z.string(), body: z.string().nullable() }),
    response: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('ProviderCall')

const list = route('tenant', {
  method: 'get',
  path: '/v1/logs/{provider}',
  tags: ['Logs'],
  summary: 'The provider calls made for your tenant, masked, newest first',
  request: {
    params: z.object({ provider: z.string().max(32).openapi({ example: 'iyzico' }) }),
    query: z.object({
      environment: z.enum(ENVIRONMENTS).optional(),
      paymentId: z.string().max(64).optional(),
      requestId: z.string().max(64).optional(),
      status: z.coerce.number().int().min(100).max(599).optional().openapi({
        description: "The provider's HTTP status.",
      }),
      errorsOnly: z
        .enum(['true', 'false'])
        .optional()
        .transform((value) => value === 'true')
        .openapi({
          description: 'Only calls without an answer, with a 4xx or 5xx, or not successful.',
        }),
      from: isoTime.optional().openapi({ example: '2026-12-01T00:00:00Z' }),
      to: isoTime.optional().openapi({ example: '2026-12-02T00:00:00Z' }),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z.string().max(64).optional(),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        success: z.literal(true),
        data: z.array(LoggedCall),
        nextCursor: z.string().nullable(),
      }),
      'A page.'
    ),
    ...commonErrors,
    404: errorResponse('Unknown provider (`provider_not_found`).'),
  },
})

function present(row: ProviderLogRow) {
  let request = { method: '', url: '', body: null as string | null }
  try {
    request = JSON.parse(row.request ?? '') as typeof request
  } catch {
    // Logged before the request was kept as JSON: show it as it is.
    request.body = row.request
  }
  return {
    id: row.id,
    provider: row.provider,
    environment: row.environment,
    paymentId: row.paymentId,
    requestId: row.requestId,
    operation: row.operation,
    outcome: row.outcome,
    httpStatus: row.httpStatus,
    latencyMs: row.latencyMs,
    request,
    response: row.response,
    createdAt: new Date(row.createdAt).toISOString(),
  }
}

export const logRoutes = createRouter().openapi(list, async (c) => {
  const provider = requireProvider(c.req.valid('param').provider)
  const q = c.req.valid('query')
  const principal = c.get('principal')
  const rows = await listProviderLogs(servicesOf(c.env).db, principal.tenantId, provider.id, {
    ...q,
    environment: listedEnvironment(principal, q.environment, 'provider calls'),
    before: q.cursor,
  })
  return c.json(
    { success: true as const, data: rows.map(present), nextCursor: nextCursorOf(rows, q.limit) },
    200
  )
})
