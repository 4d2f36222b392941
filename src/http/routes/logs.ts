/**
 * @module `GET /v1/logs/{provider}`: the audit trail of what the gateway sent a provider and what
 * came back, for the caller's tenant only, newest first: every call with its operation, outcome,
 * HTTP status and latency, and both bodies as they were logged (card numbers cut to first 6 +
 * last 4, security codes and credentials replaced). Kept for `PROVIDER_LOG_RETENTION_DAYS`.
 */

import { EXAMPLE_APP_URL, EXAMPLE_IDS } from '#document-only'
import type { ProviderLogRow } from '../../db/repos/events'
import { listProviderLogs } from '../../db/repos/provider-logs'
import { ENVIRONMENTS } from '../../providers/types'
import { servicesOf } from '../../services'
import { route } from '../access'
import {
  commonErrors,
  createRouter,
  errorResponse,
  isoTime,
  jsonResponse,
  nextCursorOf,
} from '../openapi'
import * as z from '../openapi-zod'
import { listedEnvironment } from '../payment-api'
import { requireProvider } from '../providers'

const LoggedCall = z
  .object({
    id: z.string().openapi({ example: EXAMPLE_IDS.providerCall }),
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

/** The `X-Request-Id` of the request that created the story's payment. */
const REQUEST_ID = 'req_4fJ8tQm2ZkWc7xNb'

/** The sandbox charge of the story's payment, as the log keeps it: card cut, security code gone. */
const loggedCallExample = {
  id: EXAMPLE_IDS.providerCall,
  provider: 'sandbox',
  environment: 'test' as const,
  paymentId: EXAMPLE_IDS.payment,
  requestId: REQUEST_ID,
  operation: 'create',
  outcome: 'succeeded',
  httpStatus: 200,
  latencyMs: 182,
  request: {
    method: 'POST',
    url: `${EXAMPLE_APP_URL}/sandbox/api/v1/charges`,
    body: JSON.stringify({
      reference: EXAMPLE_IDS.payment,
      amount: 10050,
      currency: 'TRY',
      card: {
        number: '424242******4242',
        exp_month: 12,
        exp_year: 2030,
        cvc: '[redacted]',
        holder_name: 'Ayşe Yılmaz',
      },
      three_d_secure: false,
      capture: true,
    }),
  },
  response: JSON.stringify({
    id: EXAMPLE_IDS.charge,
    reference: EXAMPLE_IDS.payment,
    status: 'succeeded',
    amount: 10050,
    currency: 'TRY',
    captured_amount: 10050,
    refunded_amount: 0,
    card: { masked: '424242******4242' },
    decline_code: null,
    next_action: null,
  }),
  createdAt: '2026-12-07T10:15:00.000Z',
}

const list = route('tenant', {
  method: 'get',
  path: '/v1/logs/{provider}',
  tags: ['Logs'],
  summary: 'The provider calls made for your tenant, masked, newest first',
  request: {
    params: z.object({ provider: z.string().max(32).openapi({ example: 'sandbox' }) }),
    query: z.object({
      environment: z.enum(ENVIRONMENTS).optional().openapi({ example: 'test' }),
      paymentId: z.string().max(64).optional().openapi({ example: EXAMPLE_IDS.payment }),
      requestId: z.string().max(64).optional().openapi({ example: REQUEST_ID }),
      status: z.coerce.number().int().min(100).max(599).optional().openapi({
        description: "The provider's HTTP status.",
        example: 200,
      }),
      errorsOnly: z
        .enum(['true', 'false'])
        .optional()
        .transform((value) => value === 'true')
        .openapi({
          description: 'Only calls without an answer, with a 4xx or 5xx, or not successful.',
          example: 'false',
        }),
      from: isoTime.optional().openapi({ example: '2026-12-07T00:00:00Z' }),
      to: isoTime.optional().openapi({ example: '2026-12-08T00:00:00Z' }),
      limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ example: 50 }),
      cursor: z.string().max(64).optional().openapi({
        description: 'nextCursor of the previous page.',
        example: EXAMPLE_IDS.refundCall,
      }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        success: z.literal(true),
        data: z.array(LoggedCall),
        nextCursor: z.string().nullable(),
      }),
      'A page.',
      // The page the query's examples ask for: older than the cursor (the refund's call).
      { example: { success: true, data: [loggedCallExample], nextCursor: null } }
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
