/**
 * @module A tenant's merchant-notification endpoints (`/v1/config/webhooks`): created with a
 * Standard Webhooks signing secret shown only in that answer (at most 16 per mode, then 422
 * `limit_reached`), listed, deleted, and rotated (the old secret keeps signing next to the new
 * one for 24 hours, so receivers can switch calmly).
 */

import { EXAMPLE_IDS } from '#document-only'
import { seal } from '../../crypto/aes-gcm'
import {
  deleteEndpoint,
  type EndpointRow,
  findEndpoint,
  insertEndpointWithinCap,
  listEndpoints,
  MAX_ENDPOINTS_PER_MODE,
  rotateEndpointSecret,
} from '../../db/repos/webhooks'
import { newId } from '../../domain/ids'
import { checkWebhookUrl } from '../../domain/webhook-url'
import { ApiError } from '../../errors'
import { EVENT_TYPES } from '../../payments/records'
import { servicesOf } from '../../services'
import { sendTestEvent, webhookSecretBinding } from '../../webhooks/deliver'
import { generateWebhookSecret } from '../../webhooks/signing'
import { route } from '../access'
import { commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'

export const SECRET_ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000

const Endpoint = z
  .object({
    id: z.string().openapi({ example: EXAMPLE_IDS.webhookEndpoint }),
    url: z.string(),
    mode: z.enum(['test', 'live']),
    events: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Event types sent; null for all.' }),
    description: z.string().nullable(),
    status: z.enum(['enabled', 'disabled']),
    disabledReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('WebhookEndpoint')

const WithSecret = z.object({
  success: z.literal(true),
  endpoint: Endpoint,
  secret: z.string().openapi({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'Shown only in this answer.',
  }),
})

/** The story's endpoint: the shop's order service, hearing of test payments' outcomes. */
const events = ['payment.succeeded', 'payment.failed', 'payment.partially_refunded'] as const
const endpointExample = {
  id: EXAMPLE_IDS.webhookEndpoint,
  url: 'https://shop.example.com/webhooks/gopay',
  mode: 'test' as const,
  events: [...events],
  description: 'Order service',
  status: 'enabled' as const,
  disabledReason: null,
  createdAt: '2026-12-01T08:45:00.000Z',
}

const present = (row: EndpointRow) => ({
  id: row.id,
  url: row.url,
  mode: row.mode,
  events: row.events === null ? null : (JSON.parse(row.events) as string[]),
  description: row.description,
  status: row.status,
  disabledReason: row.disabledReason,
  createdAt: new Date(row.createdAt).toISOString(),
})

const IdParam = z.object({
  id: z.string().max(64).openapi({ example: EXAMPLE_IDS.webhookEndpoint }),
})

const create = route('user', {
  method: 'post',
  path: '/v1/config/webhooks',
  tags: ['Webhooks'],
  summary: 'Add an endpoint for payment notifications (the signing secret is in this answer only)',
  request: {
    body: jsonBody(
      z
        .object({
          url: z.string().max(2048).openapi({ example: 'https://shop.example.com/webhooks/gopay' }),
          mode: z.enum(['test', 'live']).default('test').openapi({
            description:
              '`test` endpoints get events of test payments, `live` ones of production payments.',
          }),
          events: z.array(z.enum(EVENT_TYPES)).min(1).max(EVENT_TYPES.length).optional(),
          description: z.string().max(200).optional(),
        })
        .openapi('CreateWebhookEndpointRequest'),
      {
        example: {
          url: endpointExample.url,
          mode: 'test',
          events: [...events],
          description: endpointExample.description,
        },
      }
    ),
  },
  responses: {
    201: jsonResponse(WithSecret, 'Created.', {
      example: {
        success: true,
        endpoint: endpointExample,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      },
    }),
    ...commonErrors,
    422: errorResponse(
      `The URL is not allowed (\`invalid_webhook_url\`), or the tenant already has ${MAX_ENDPOINTS_PER_MODE} endpoints in this mode (\`limit_reached\`).`
    ),
  },
})

const list = route('user', {
  method: 'get',
  path: '/v1/config/webhooks',
  tags: ['Webhooks'],
  summary: "The tenant's endpoints",
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), data: z.array(Endpoint) }),
      'Endpoints.',
      { example: { success: true, data: [endpointExample] } }
    ),
    ...commonErrors,
  },
})

const remove = route('user', {
  method: 'delete',
  path: '/v1/config/webhooks/{id}',
  tags: ['Webhooks'],
  summary: 'Delete an endpoint (pending deliveries to it are dropped)',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), id: z.string(), deleted: z.literal(true) }),
      'Deleted.',
      { example: { success: true, id: EXAMPLE_IDS.webhookEndpoint, deleted: true } }
    ),
    ...commonErrors,
    404: errorResponse('No such endpoint (`not_found`).'),
  },
})

const rotate = route('user', {
  method: 'post',
  path: '/v1/config/webhooks/{id}/rotate',
  tags: ['Webhooks'],
  summary: 'Rotate the signing secret; the old one keeps signing alongside for 24 hours',
  description:
    'One rotation at a time: while the previous secret still signs (24 hours after a rotation), ' +
    'or when another rotation of the same endpoint wins a race, the answer is 409 ' +
    '`rotation_in_progress` and the secrets stay as they are.',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(WithSecret, 'The new secret.', {
      example: {
        success: true,
        endpoint: endpointExample,
        secret: 'whsec_5cQAphU2OqsBlUasQfMi0NmmJSqMpiF4',
      },
    }),
    ...commonErrors,
    404: errorResponse('No such endpoint.'),
    409: errorResponse(
      'The previous secret still signs, or another rotation won (`rotation_in_progress`).'
    ),
  },
})

/** A rotation while the previous secret still signs (webhook endpoints and the callback secret). */
export const rotationInProgress = (retryAfter: number) =>
  new ApiError(
    'rotation_in_progress',
    'The previous signing secret is still in use; rotate again once it has expired.',
    { previousSecretExpiresAt: new Date(retryAfter).toISOString() }
  )

const endpointLimitReached = (mode: EndpointRow['mode']) =>
  new ApiError(
    'limit_reached',
    `A tenant may have at most ${MAX_ENDPOINTS_PER_MODE} ${mode} webhook endpoints; delete one before adding another.`,
    { limit: MAX_ENDPOINTS_PER_MODE, mode }
  )

const TEST_MESSAGE_ID = 'msg_01M8RCGGA0XHRC9HDT6MY1XWPP'

const sendTest = route('user', {
  method: 'post',
  path: '/v1/config/webhooks/{id}/test',
  tags: ['Webhooks'],
  summary: 'Send a signed `webhook.test` event to the endpoint now, and show what it answered',
  description:
    'Signed like every notification (Standard Webhooks, with every active secret), sent at once ' +
    'and not retried or recorded among the deliveries. `delivered` is true for a 2xx answer.',
  request: { params: IdParam },
  responses: {
    200: jsonResponse(
      z
        .object({
          success: z.literal(true),
          webhookId: z.string().openapi({ example: TEST_MESSAGE_ID }),
          delivered: z.boolean(),
          statusCode: z.number().int().nullable().openapi({ description: 'Null: no answer.' }),
          error: z.string().nullable().openapi({ example: 'HTTP 500' }),
          durationMs: z.number().int(),
        })
        .openapi('WebhookTestResult'),
      'What the endpoint answered.',
      {
        example: {
          success: true,
          webhookId: TEST_MESSAGE_ID,
          delivered: true,
          statusCode: 200,
          error: null,
          durationMs: 184,
        },
      }
    ),
    ...commonErrors,
    404: errorResponse('No such endpoint.'),
  },
})

export const webhookEndpointRoutes = createRouter()
  .openapi(create, async (c) => {
    const body = c.req.valid('json')
    const checked = checkWebhookUrl(body.url, body.mode)
    if ('problem' in checked) {
      throw new ApiError(
        'invalid_webhook_url',
        'Webhook URLs must be public https URLs (http://localhost only for test endpoints).',
        [{ path: 'url', message: checked.problem }]
      )
    }
    const services = servicesOf(c.env)
    const tenantId = c.get('principal').tenantId
    const keyring = await services.keyring()
    const now = services.now()
    const id = newId('webhookEndpoint', now)
    const secret = generateWebhookSecret()
    const row: EndpointRow = {
      id,
      tenantId,
      url: checked.url,
      mode: body.mode,
      events: body.events ? JSON.stringify(body.events) : null,
      description: body.description ?? null,
      sealedSecret: await seal(keyring.webhookSecrets, secret, webhookSecretBinding(id)),
      sealedPreviousSecret: null,
      previousSecretExpiresAt: null,
      status: 'enabled',
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
    }
    if (!(await insertEndpointWithinCap(services.db, tenantId, row))) {
      throw endpointLimitReached(body.mode)
    }
    return c.json({ success: true as const, endpoint: present(row), secret }, 201)
  })
  .openapi(list, async (c) => {
    const rows = await listEndpoints(servicesOf(c.env).db, c.get('principal').tenantId)
    return c.json({ success: true as const, data: rows.map(present) }, 200)
  })
  .openapi(remove, async (c) => {
    const { id } = c.req.valid('param')
    if (!(await deleteEndpoint(servicesOf(c.env).db, c.get('principal').tenantId, id))) {
      throw new ApiError('not_found', 'No such webhook endpoint.')
    }
    return c.json({ success: true as const, id, deleted: true as const }, 200)
  })
  .openapi(rotate, async (c) => {
    const { id } = c.req.valid('param')
    const services = servicesOf(c.env)
    const tenantId = c.get('principal').tenantId
    const endpoint = await findEndpoint(services.db, tenantId, id)
    if (!endpoint) throw new ApiError('not_found', 'No such webhook endpoint.')
    const now = services.now()
    const overlapEnds = endpoint.sealedPreviousSecret ? (endpoint.previousSecretExpiresAt ?? 0) : 0
    // A second rotation inside the overlap would silently drop a secret receivers may still use.
    if (overlapEnds > now) throw rotationInProgress(overlapEnds)
    const keyring = await services.keyring()
    const secret = generateWebhookSecret()
    const [updated] = await rotateEndpointSecret(services.db, endpoint, {
      sealedSecret: await seal(keyring.webhookSecrets, secret, webhookSecretBinding(id)),
      previousSecretExpiresAt: now + SECRET_ROTATION_OVERLAP_MS,
      updatedAt: now,
    })
    if (!updated) throw rotationInProgress(now + SECRET_ROTATION_OVERLAP_MS)
    return c.json({ success: true as const, endpoint: present(updated!), secret }, 200)
  })
  .openapi(sendTest, async (c) => {
    const { id } = c.req.valid('param')
    const services = servicesOf(c.env)
    const endpoint = await findEndpoint(services.db, c.get('principal').tenantId, id)
    if (!endpoint) throw new ApiError('not_found', 'No such webhook endpoint.')
    const keyring = await services.keyring()
    const result = await sendTestEvent(
      {
        db: services.db,
        secretsKey: keyring.webhookSecrets,
        fetch: (input, init) => fetch(input, init),
        now: services.now,
      },
      endpoint
    )
    return c.json({ success: true as const, ...result }, 200)
  })
