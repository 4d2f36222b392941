/**
 * @module The notifications the gateway sends merchants, in `/openapi.json`'s `webhooks`
 * section: what arrives at an endpoint registered with `POST /v1/config/webhooks`, signed per
 * Standard Webhooks, with the payment as `GET /v1/payments/{provider}/{paymentId}` shows it.
 */
import type { OpenAPIHono } from '@hono/zod-openapi'
import { EVENT_TYPES } from '../payments/records'
import { TEST_EVENT_TYPE } from '../webhooks/deliver'
import { EXAMPLE_IDS, PAYMENT_EXAMPLES } from './examples'
import * as z from './openapi-zod'
import { Payment } from './payment-api'

const PaymentEvent = z
  .object({
    type: z.enum(EVENT_TYPES).openapi({ example: 'payment.succeeded' }),
    timestamp: z.string().openapi({ example: PAYMENT_EXAMPLES.paid.updatedAt }),
    data: Payment,
  })
  .openapi('PaymentEvent')

const TestEvent = z
  .object({
    type: z.literal(TEST_EVENT_TYPE),
    timestamp: z.string(),
    data: z.object({ endpointId: z.string(), message: z.string() }),
  })
  .openapi('WebhookTestEvent')

const signatureHeaders = z.object({
  'webhook-id': z.string().openapi({
    description:
      'The message id, the same for every attempt of one message: drop duplicates by it.',
    example: EXAMPLE_IDS.succeededMessage,
  }),
  'webhook-timestamp': z
    .string()
    .openapi({ description: 'Unix seconds of this attempt.', example: '1796638501' }),
  'webhook-signature': z.string().openapi({
    description:
      '`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, one per active secret, space-separated.',
    example: 'v1,71usmjjcVEu3XaT3XVw5vaPsmi2plP+tx0LMKduUrX8=',
  }),
})

const paymentEventExample = {
  type: 'payment.succeeded' as const,
  timestamp: PAYMENT_EXAMPLES.paid.updatedAt,
  data: PAYMENT_EXAMPLES.paid,
}

const testEventExample = {
  type: TEST_EVENT_TYPE,
  timestamp: '2026-12-01T08:46:00.000Z',
  data: {
    endpointId: EXAMPLE_IDS.webhookEndpoint,
    message: 'A test notification from GoPay Edge; verify its signature as you would any other.',
  },
}

const answers = {
  200: { description: 'Any 2xx: delivered. Anything else is retried (about 2.7 days in all).' },
  410: { description: 'Gone: the endpoint is disabled and nothing more is sent.' },
}

export function registerMerchantWebhooks(registry: OpenAPIHono['openAPIRegistry']) {
  registry.registerWebhook({
    method: 'post',
    path: 'payment-event',
    operationId: 'receivePaymentEvent',
    summary: 'A payment changed (sent to your endpoints)',
    request: {
      headers: signatureHeaders,
      body: {
        content: { 'application/json': { schema: PaymentEvent, example: paymentEventExample } },
      },
    },
    responses: answers,
  })
  registry.registerWebhook({
    method: 'post',
    path: 'webhook-test',
    operationId: 'receiveWebhookTest',
    summary: 'A test event, sent by POST /v1/config/webhooks/{id}/test',
    request: {
      headers: signatureHeaders,
      body: { content: { 'application/json': { schema: TestEvent, example: testEventExample } } },
    },
    responses: answers,
  })
}
