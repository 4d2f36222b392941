/**
 * @module `/v1/webhooks`: notifications providers send the gateway (`POST /v1/webhooks/{provider}`),
 * and the tenant's view of the notifications the gateway sends it (deliveries, resend, replay).
 */

import { DELIVERED_EXAMPLE, EXAMPLE_IDS, RESENT_EXAMPLE } from '#document-only'
import { confinedMode, modeOfEnvironment } from '../../auth/principal'
import { type DeliveryRow, listDeliveries } from '../../db/repos/webhooks'
import { ApiError } from '../../errors'
import { receiveNotification } from '../../payments/provider-notifications'
import { ENVIRONMENTS } from '../../providers/types'
import { servicesOf } from '../../services'
import { replayRange, resendDelivery } from '../../webhooks/resend'
import { declareAccess, route } from '../access'
import {
  commonErrors,
  createRouter,
  errorResponse,
  jsonBody,
  jsonResponse,
  nextCursorOf,
} from '../openapi'
import * as z from '../openapi-zod'
import { listedEnvironment } from '../payment-api'
import { requireProvider } from '../providers'
import { admitRefusedNotification, admitTenantStatusQuery, rateLimited } from '../rate-limits'

const Delivery = z
  .object({
    id: z.string().openapi({
      description: 'The webhook-id header of every attempt.',
      example: EXAMPLE_IDS.succeededMessage,
    }),
    endpointId: z.string(),
    eventId: z.string(),
    eventType: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookDelivery')

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
const present = (d: DeliveryRow) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
  deliveredAt: iso(d.deliveredAt),
  createdAt: new Date(d.createdAt).toISOString(),
})

const list = route('tenant', {
  method: 'get',
  path: '/v1/webhooks/deliveries',
  tags: ['Webhooks'],
  summary: 'Notifications sent (or being sent) to your endpoints, newest first',
  request: {
    query: z.object({
      status: z
        .enum(['pending', 'delivered', 'failed'])
        .optional()
        .openapi({ example: 'delivered' }),
      endpointId: z.string().max(64).optional().openapi({ example: EXAMPLE_IDS.webhookEndpoint }),
      eventType: z.string().max(64).optional().openapi({ example: 'payment.succeeded' }),
      environment: z
        .enum(ENVIRONMENTS)
        .optional()
        .openapi({
          description:
            'Only deliveries to endpoints of this mode (`test` endpoints get test payments, `live` ' +
            'ones production payments). An API key sees its own mode only.',
          example: 'test',
        }),
      limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
      cursor: z.string().max(64).optional().openapi({
        description: 'nextCursor of the previous page.',
        example: EXAMPLE_IDS.refundMessage,
      }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({
        success: z.literal(true),
        data: z.array(Delivery),
        nextCursor: z.string().nullable(),
      }),
      'A page.',
      { example: { success: true, data: [DELIVERED_EXAMPLE], nextCursor: null } }
    ),
    ...commonErrors,
  },
})

const resend = route('tenant', {
  method: 'post',
  path: '/v1/webhooks/deliveries/{id}/resend',
  tags: ['Webhooks'],
  summary: 'Send a delivery again now (same webhook-id), with a fresh retry schedule',
  request: {
    params: z.object({ id: z.string().max(64).openapi({ example: EXAMPLE_IDS.refundMessage }) }),
  },
  responses: {
    202: jsonResponse(z.object({ success: z.literal(true), delivery: Delivery }), 'Queued.', {
      example: { success: true, delivery: RESENT_EXAMPLE },
    }),
    ...commonErrors,
    404: errorResponse('No such delivery (`not_found`).'),
  },
})

const replay = route('tenant', {
  method: 'post',
  path: '/v1/webhooks/deliveries/replay',
  tags: ['Webhooks'],
  summary:
    'Send again every event of a time range, oldest first (up to 1,000 events and 2,000 deliveries per call)',
  description:
    'Events are taken in (time, event id) order. When more remain (`truncated: true`), call again ' +
    'with the same `to` and `endpointId`, `from` set to `nextFrom` and `after` to `nextAfter`: ' +
    'the next call starts right after the last event replayed, so following the answers until ' +
    '`truncated` is false replays every event of the range once, even when many share one ' +
    'millisecond.',
  request: {
    body: jsonBody(
      z
        .object({
          from: z.iso.datetime().openapi({ example: '2026-12-07T00:00:00Z' }),
          to: z.iso
            .datetime()
            .openapi({ description: 'Exclusive.', example: '2026-12-08T00:00:00Z' }),
          endpointId: z
            .string()
            .max(64)
            .optional()
            .openapi({ example: EXAMPLE_IDS.webhookEndpoint }),
          after: z
            .string()
            .max(64)
            .optional()
            .openapi({
              description:
                "A previous answer's `nextAfter`, passed back as is with its `nextFrom` as `from`: " +
                'only events after that one are replayed.',
              example: EXAMPLE_IDS.succeededEvent,
            }),
        })
        .refine((r) => Date.parse(r.from) < Date.parse(r.to), {
          message: 'from must be before to',
          path: ['to'],
        })
        .openapi('ReplayRequest'),
      {
        example: {
          from: '2026-12-07T00:00:00Z',
          to: '2026-12-08T00:00:00Z',
          endpointId: EXAMPLE_IDS.webhookEndpoint,
        },
      }
    ),
  },
  responses: {
    202: jsonResponse(
      z.object({
        success: z.literal(true),
        events: z.number().int(),
        deliveries: z.number().int(),
        truncated: z.boolean().openapi({
          description: 'More events remain: call again with `nextFrom` and `nextAfter`.',
        }),
        nextFrom: z
          .string()
          .nullable()
          .openapi({
            description:
              'The time of the last event replayed, to send as `from` in the next call; null when ' +
              'the range is done.',
          }),
        nextAfter: z.string().nullable().openapi({
          description:
            'An opaque position, to send as `after` in the next call; null when the range is done.',
        }),
      }),
      'Queued.',
      {
        example: {
          success: true,
          events: 15,
          deliveries: 5,
          truncated: false,
          nextFrom: null,
          nextAfter: null,
        },
      }
    ),
    ...commonErrors,
  },
})

export const webhookRoutes = createRouter()
  .openapi(list, async (c) => {
    const q = c.req.valid('query')
    const principal = c.get('principal')
    const environment = listedEnvironment(principal, q.environment, 'deliveries')
    const rows = await listDeliveries(servicesOf(c.env).db, principal.tenantId, {
      ...q,
      before: q.cursor,
      mode: environment && modeOfEnvironment(environment),
    })
    return c.json(
      {
        success: true as const,
        data: rows.map(present),
        nextCursor: nextCursorOf(rows, q.limit),
      },
      200
    )
  })
  .openapi(resend, async (c) => {
    const services = servicesOf(c.env)
    const delivery = await resendDelivery(
      { db: services.db, queue: c.env.WEBHOOKS, now: services.now },
      c.get('principal').tenantId,
      c.req.valid('param').id,
      confinedMode(c.get('principal'))
    )
    if (!delivery) throw new ApiError('not_found', 'No such delivery.')
    return c.json({ success: true as const, delivery: present(delivery) }, 202)
  })
  .openapi(replay, async (c) => {
    const body = c.req.valid('json')
    const services = servicesOf(c.env)
    const { events, deliveries, next } = await replayRange(
      { db: services.db, queue: c.env.WEBHOOKS, now: services.now },
      c.get('principal').tenantId,
      {
        from: Date.parse(body.from),
        after: body.after,
        to: Date.parse(body.to),
        endpointId: body.endpointId,
        mode: confinedMode(c.get('principal')),
      }
    )
    return c.json(
      {
        success: true as const,
        events,
        deliveries,
        truncated: next !== undefined,
        nextFrom: next ? new Date(next.from).toISOString() : null,
        nextAfter: next?.after ?? null,
      },
      202
    )
  })

// Providers call these with their own formats; each provider's adapter reads and verifies them.
for (const method of ['post', 'get'] as const) {
  declareAccess(method.toUpperCase(), '/v1/webhooks/:provider', 'public')
  webhookRoutes.openAPIRegistry.registerPath({
    method,
    path: '/v1/webhooks/{provider}',
    operationId: method === 'post' ? 'receiveProviderNotification' : 'receiveProviderStatusPing',
    tags: ['Webhooks'],
    summary:
      method === 'post'
        ? "A provider's notification about a payment (called by providers, in their own format)"
        : 'An unsigned notification that only names a payment (GoPay: `?id=`); the gateway asks the provider',
    request: {
      params: z.object({
        // GoPay names the payment in an unsigned GET; the sandbox posts signed notifications.
        provider: z.string().openapi({ example: method === 'post' ? 'sandbox' : 'gopay' }),
      }),
    },
    responses: {
      200: {
        description: 'The acknowledgement that provider expects (its own body and content type).',
      },
      400: { description: 'Not a notification this provider sends (`invalid_request`).' },
      401: { description: 'The signature does not verify; nothing changed (`unauthorized`).' },
      404: {
        description:
          'Unknown provider, or a payment the gateway does not know (yet): the provider retries.',
      },
      405: {
        description: 'This provider does not notify with this method (`method_not_allowed`).',
      },
      502: {
        description:
          'An unsigned notification asked for a status query the provider did not answer ' +
          '(`provider_error`): the provider retries.',
      },
      409: {
        description:
          'Another copy of this notification is being applied (`notification_in_progress`): the ' +
          'provider retries, and the retry is acknowledged once that copy is applied.',
      },
      429: {
        description:
          'Too many refused notifications (unverifiable or for unknown payments) from this address, ' +
          "or status queries beyond the tenant's status limit (`rate_limited`): nothing is stored " +
          'or queried. Verified notifications are never limited.',
      },
    },
    'x-access': 'public',
  })
}

webhookRoutes.on(['GET', 'POST'], '/v1/webhooks/:provider', async (c) => {
  const provider = requireProvider(c.req.param('provider'))
  const method = c.req.method as 'GET' | 'POST'
  if (!provider.webhooks?.methods.includes(method)) {
    const allowed = provider.webhooks?.methods.join(', ') || 'POST'
    throw new ApiError(
      'method_not_allowed',
      `${provider.id} notifications arrive by ${allowed}.`,
      undefined,
      { Allow: allowed }
    )
  }
  const services = servicesOf(c.env)
  const answer = await receiveNotification(
    {
      services,
      keyring: await services.keyring(),
      env: c.env,
      provider,
      admitRefused: () => admitRefusedNotification(c),
      admitStatusQuery: (tenantId) => admitTenantStatusQuery(c, tenantId),
    },
    {
      method,
      rawBody: method === 'POST' ? await c.req.text() : '',
      headers: c.req.raw.headers,
      query: new URL(c.req.url).searchParams,
    }
  )
  switch (answer.kind) {
    case 'acknowledge': {
      const ack = provider.webhooks.acknowledgement
      return c.body(ack.body, ack.status as 200, { 'Content-Type': ack.contentType })
    }
    case 'unreadable':
      throw new ApiError('invalid_request', `This is not a notification ${provider.id} sends.`)
    case 'unverified':
      throw new ApiError('unauthorized', 'The notification signature does not verify.')
    case 'unknown_payment':
      throw new ApiError('not_found', 'No payment matches this notification (yet).')
    case 'throttled':
      throw rateLimited(answer.decision, 'Too many notifications from this address.')
    case 'provider_unavailable':
      throw new ApiError(
        'provider_error',
        'The provider did not answer the status query this notification asked for; retry later.',
        undefined,
        { 'Retry-After': '60' }
      )
    case 'in_progress':
      throw new ApiError(
        'notification_in_progress',
        'Another copy of this notification is being applied; retry later.',
        undefined,
        { 'Retry-After': '60' }
      )
    default:
      return answer satisfies never
  }
})
