/**
 * @module `GET /v1/payments/{provider}/{paymentId}/history`: what happened to one payment, as the
 * merchant's webhooks announced it (each event with the payment as it was then) and its refunds.
 * The provider calls behind it are in `GET /v1/logs/{provider}?paymentId=`.
 */

import { EXAMPLE_IDS, PAYMENT_EXAMPLES, REFUND_EXAMPLE } from '#document-only'
import { eventsOfPayment } from '../../db/repos/events'
import { type RefundRow, refundsOfPayment } from '../../db/repos/payments'
import { toMajorNumber } from '../../domain/money'
import { requirePayment } from '../../payments/operations'
import { route } from '../access'
import { tenantGuard } from '../middleware/tenant-guard'
import { createRouter, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { Payment, PaymentParams, paymentErrors, paymentIdOf, scopeOf } from '../payment-api'

/** Events a payment can gather in its life are few; the cap only bounds a pathological one. */
const MAX_EVENTS = 200

const REFUNDED_AT = PAYMENT_EXAMPLES.partiallyRefunded.updatedAt

const PaymentEventEntry = z
  .object({
    id: z.string().openapi({ example: EXAMPLE_IDS.succeededEvent }),
    type: z.string().openapi({ example: 'payment.succeeded' }),
    createdAt: z.string().openapi({ example: '2026-12-07T10:15:00.000Z' }),
    payment: Payment.openapi({ description: 'The payment right after this event.' }),
  })
  .openapi('PaymentHistoryEvent')

const RefundEntry = z
  .object({
    id: z.string().openapi({ example: EXAMPLE_IDS.refund }),
    status: z.enum(['processing', 'succeeded', 'failed']),
    amount: z.number().openapi({ example: 25.5 }),
    amountMinor: z.number().int().openapi({ example: 2550 }),
    currency: z.string().openapi({ example: 'TRY' }),
    reason: z.string().nullable().openapi({ example: 'Returned item' }),
    providerRefundId: z.string().nullable().openapi({ example: EXAMPLE_IDS.sandboxRefund }),
    createdAt: z.string().openapi({ example: REFUNDED_AT }),
    updatedAt: z.string().openapi({ example: REFUNDED_AT }),
  })
  .openapi('PaymentHistoryRefund')

/** An entry of the example: the payment as that event announced it, at its last change. */
const event = (id: string, type: string, payment: z.input<typeof Payment>) => ({
  id,
  type,
  createdAt: payment.updatedAt,
  payment,
})

const history = route(
  'tenant',
  {
    method: 'get',
    path: '/v1/payments/{provider}/{paymentId}/history',
    operationId: 'getPaymentHistory',
    tags: ['Payments'],
    summary: "A payment's events and refunds, oldest first",
    request: { params: PaymentParams },
    responses: {
      200: jsonResponse(
        z.object({
          success: z.literal(true),
          events: z.array(PaymentEventEntry),
          refunds: z.array(RefundEntry),
        }),
        'The history.',
        {
          example: {
            success: true,
            events: [
              event(EXAMPLE_IDS.createdEvent, 'payment.created', PAYMENT_EXAMPLES.paid),
              event(EXAMPLE_IDS.succeededEvent, 'payment.succeeded', PAYMENT_EXAMPLES.paid),
              event(
                EXAMPLE_IDS.refundEvent,
                'payment.partially_refunded',
                PAYMENT_EXAMPLES.partiallyRefunded
              ),
            ],
            refunds: [
              {
                ...REFUND_EXAMPLE,
                currency: 'TRY',
                reason: 'Returned item',
                providerRefundId: EXAMPLE_IDS.sandboxRefund,
                createdAt: REFUNDED_AT,
                updatedAt: REFUNDED_AT,
              },
            ],
          },
        }
      ),
      ...paymentErrors,
    },
  },
  tenantGuard('status')
)

const presentRefund = (row: RefundRow, currency: string) => ({
  id: row.id,
  status: row.status,
  amount: toMajorNumber(row.amountMinor, currency),
  amountMinor: row.amountMinor,
  currency,
  reason: row.reason,
  providerRefundId: row.providerRefundId,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
})

export const paymentHistoryRoutes = createRouter().openapi(history, async (c) => {
  const { provider, paymentId } = c.req.valid('param')
  const scope = await scopeOf(c, provider)
  const payment = await requirePayment(scope, paymentIdOf(paymentId))
  const db = scope.services.db
  const [events, refunds] = await Promise.all([
    eventsOfPayment(db, scope.tenantId, payment.id, MAX_EVENTS),
    refundsOfPayment(db, scope.tenantId, payment.id),
  ])
  return c.json(
    {
      success: true as const,
      events: events.map((event) => ({
        id: event.id,
        type: event.type,
        createdAt: new Date(event.createdAt).toISOString(),
        payment: JSON.parse(event.data),
      })),
      refunds: refunds.map((row) => presentRefund(row, payment.currency)),
    },
    200
  )
})
