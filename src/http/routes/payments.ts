/**
 * @module The payment API (`/v1/payments/…`): create (direct card, 3-D Secure, hosted), status,
 * cancel, capture, refund, and the tenant's payment list. Answers: 201 for a created payment
 * (successful, authorized or pending with `redirectUrl`), 402 for a decline (`success: false` with
 * `declineCode`), 202 when the provider's answer is still unknown (`processing`).
 */

import {
  CREATE_PAYMENT_EXAMPLES,
  CREATED_PAYMENT_EXAMPLES,
  EXAMPLE_IDS,
  PAYMENT_EXAMPLES,
  REFUND_EXAMPLE,
} from '#document-only'
import { listPayments } from '../../db/repos/payments'
import { PAYMENT_STATUSES } from '../../domain/payment-status'
import { createPayment } from '../../payments/create-payment'
import { CreatePaymentBody, MajorAmount } from '../../payments/create-request'
import {
  cancelPayment,
  capturePayment,
  type PaymentScope,
  refreshStatus,
  refundPayment,
  requirePayment,
} from '../../payments/operations'
import { presentPayment } from '../../payments/present'
import { countRiskFailure } from '../../payments/risk-decision'
import { ENVIRONMENTS } from '../../providers/types'
import { servicesOf } from '../../services'
import { route } from '../access'
import { tenantGuard } from '../middleware/tenant-guard'
import { commonErrors, createRouter, jsonBody, jsonResponse, nextCursorOf } from '../openapi'
import * as z from '../openapi-zod'
import {
  amountOf,
  idempotencyHeader,
  listedEnvironment,
  Payment,
  PaymentParams,
  ProviderParam,
  paymentErrors,
  paymentIdOf,
  paymentParamsExample,
  scopeOf,
} from '../payment-api'

/** Capture and cancel apply to an authorized payment (created with `capture: false`). */
const authorizedPaymentParams = paymentParamsExample('sandbox', EXAMPLE_IDS.authorizedPayment)

const create = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}',
    operationId: 'createPayment',
    tags: ['Payments'],
    summary: 'Create a payment: direct card, 3-D Secure (use3D) or hosted (no cardInfo)',
    request: {
      params: ProviderParam,
      headers: idempotencyHeader,
      body: jsonBody(CreatePaymentBody, { examples: CREATE_PAYMENT_EXAMPLES }),
    },
    responses: {
      201: jsonResponse(
        Payment,
        'Created: successful, authorized, or pending with a redirectUrl.',
        {
          examples: CREATED_PAYMENT_EXAMPLES,
        }
      ),
      202: jsonResponse(
        Payment,
        'The provider did not answer in time; the payment is processing.',
        { example: PAYMENT_EXAMPLES.processing }
      ),
      402: jsonResponse(Payment, 'Declined: success is false and declineCode says why.', {
        example: PAYMENT_EXAMPLES.declined,
      }),
      ...paymentErrors,
    },
  },
  tenantGuard('payment', { reserve: 'payment', scoreRisk: true })
)

const get = route(
  'tenant',
  {
    method: 'get',
    path: '/v1/payments/{provider}/{paymentId}',
    operationId: 'getPayment',
    tags: ['Payments'],
    summary: "A payment's status (pending and processing payments are checked with the provider)",
    request: { params: PaymentParams },
    responses: {
      200: jsonResponse(Payment, 'The payment.', { example: PAYMENT_EXAMPLES.paid }),
      ...paymentErrors,
    },
  },
  tenantGuard('status')
)

const cancel = route(
  'tenant',
  {
    method: 'delete',
    path: '/v1/payments/{provider}/{paymentId}',
    operationId: 'cancelPayment',
    tags: ['Payments'],
    summary: 'Cancel (void) a payment before settlement',
    request: { params: authorizedPaymentParams, headers: idempotencyHeader },
    responses: {
      200: jsonResponse(Payment, 'Cancelled.', { example: PAYMENT_EXAMPLES.cancelled }),
      202: jsonResponse(
        Payment,
        'The provider accepted the cancel and settles it later (`pendingOperation`); a webhook follows.',
        { example: PAYMENT_EXAMPLES.cancelAccepted }
      ),
      ...paymentErrors,
    },
  },
  tenantGuard('refund', { reserve: 'refund' })
)

const capture = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}/{paymentId}/capture',
    operationId: 'capturePayment',
    tags: ['Payments'],
    summary: 'Capture an authorized payment (created with capture: false)',
    request: {
      params: authorizedPaymentParams,
      headers: idempotencyHeader,
      body: {
        required: false,
        content: {
          'application/json': {
            schema: z.object({ amount: MajorAmount.optional() }),
            example: { amount: 80 },
          },
        },
      },
    },
    responses: {
      200: jsonResponse(Payment, 'Captured (here 80.00 of 100.50).', {
        example: PAYMENT_EXAMPLES.captured,
      }),
      202: jsonResponse(
        Payment,
        'The provider accepted the capture and settles it later (`pendingOperation`); a webhook follows.',
        { example: PAYMENT_EXAMPLES.captureAccepted }
      ),
      ...paymentErrors,
    },
  },
  tenantGuard('payment', { reserve: 'refund' })
)

const Refund = z.object({
  id: z.string(),
  amount: z.number(),
  amountMinor: z.number().int(),
  status: z.enum(['succeeded', 'processing']),
})

const refund = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}/refund',
    operationId: 'refundPayment',
    tags: ['Payments'],
    summary: 'Refund a payment in full or in part (no refundAmount: the rest)',
    request: {
      params: ProviderParam,
      headers: idempotencyHeader,
      body: jsonBody(
        z
          .object({
            paymentId: z.string().max(64),
            refundAmount: MajorAmount.optional(),
            reason: z.string().max(500).optional(),
          })
          .openapi('RefundRequest'),
        { example: { paymentId: EXAMPLE_IDS.payment, refundAmount: 25.5, reason: 'Returned item' } }
      ),
    },
    responses: {
      200: jsonResponse(Payment.extend({ refund: Refund }), 'Refunded.', {
        example: { ...PAYMENT_EXAMPLES.partiallyRefunded, refund: REFUND_EXAMPLE },
      }),
      202: jsonResponse(
        Payment.extend({ refund: Refund }),
        'The provider did not answer; the refund is processing.',
        {
          example: {
            ...PAYMENT_EXAMPLES.paid,
            refund: { ...REFUND_EXAMPLE, status: 'processing' },
          },
        }
      ),
      ...paymentErrors,
    },
  },
  tenantGuard('refund', { reserve: 'refund' })
)

const list = route(
  'tenant',
  {
    method: 'get',
    path: '/v1/payments',
    operationId: 'listPayments',
    tags: ['Payments'],
    summary: "The tenant's payments, newest first",
    request: {
      query: z.object({
        provider: z.string().max(64).optional().openapi({ example: 'sandbox' }),
        status: z.enum(PAYMENT_STATUSES).optional().openapi({ example: 'successful' }),
        environment: z.enum(ENVIRONMENTS).optional().openapi({ example: 'test' }),
        limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ example: 20 }),
        cursor: z.string().max(64).optional().openapi({
          description: 'nextCursor of the previous page.',
          example: EXAMPLE_IDS.adyenPayment,
        }),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          success: z.literal(true),
          data: z.array(Payment),
          nextCursor: z.string().nullable(),
        }),
        'A page of payments.',
        // The page the query's examples ask for: successful sandbox payments older than the cursor.
        { example: { success: true, data: [PAYMENT_EXAMPLES.captured], nextCursor: null } }
      ),
      ...commonErrors,
    },
  },
  tenantGuard('status')
)

export const paymentRoutes = createRouter()
  .openapi(list, async (c) => {
    const query = c.req.valid('query')
    const principal = c.get('principal')
    const rows = await listPayments(servicesOf(c.env).db, principal.tenantId, {
      ...query,
      environment: listedEnvironment(principal, query.environment),
      before: query.cursor,
    })
    const nextCursor = nextCursorOf(rows, query.limit)
    return c.json({ success: true as const, data: rows.map(presentPayment), nextCursor }, 200)
  })
  .openapi(create, async (c) => {
    const scope = await scopeOf(c, c.req.valid('param').provider)
    const answer = await createPayment(c.env, scope.services, scope.keyring, {
      principal: c.get('principal'),
      provider: scope.provider,
      body: c.req.valid('json'),
      paymentId: c.get('reservedId'),
      reclaimed: c.get('reclaimed'),
      idempotencyKey: c.req.header('Idempotency-Key'),
      risk: c.get('risk'),
    })
    // Counted before the answer, so the shopper's next attempt sees it; only a decline pays for
    // this second call, a successful create stays at one.
    if (answer.httpStatus === 402 && c.get('risk'))
      await countRiskFailure(scope.services, c.get('principal').tenantId, answer.body.paymentId)
    return c.json(answer.body, answer.httpStatus)
  })
  .openapi(refund, async (c) => {
    const body = c.req.valid('json')
    const scope = await scopeOf(c, c.req.valid('param').provider)
    const payment = await refundPaymentFor(scope, body, c.get('reservedId'), c.get('reclaimed'))
    return c.json(
      { ...presentPayment(payment.payment), refund: payment.refund },
      payment.refund.status === 'processing' ? 202 : 200
    )
  })
  .openapi(get, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const payment = await refreshStatus(await scopeOf(c, provider), paymentIdOf(paymentId))
    return c.json(presentPayment(payment), 200)
  })
  .openapi(cancel, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const result = await cancelPayment(await scopeOf(c, provider), paymentIdOf(paymentId))
    // `success` answers "did my request work": a cancelled payment is what the caller asked for.
    return c.json({ ...presentPayment(result.payment), success: true }, result.accepted ? 202 : 200)
  })
  .openapi(capture, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const scope = await scopeOf(c, provider)
    const stored = await requirePayment(scope, paymentIdOf(paymentId))
    const amount = c.req.valid('json')?.amount
    const result = await capturePayment(scope, stored, amountOf(amount, stored.currency, 'amount'))
    return c.json(presentPayment(result.payment), result.accepted ? 202 : 200)
  })

async function refundPaymentFor(
  scope: PaymentScope,
  body: { paymentId: string; refundAmount?: number | string; reason?: string },
  refundId: string,
  retry: boolean
) {
  const payment = await requirePayment(scope, paymentIdOf(body.paymentId))
  return refundPayment(scope, payment, {
    amountMinor: amountOf(body.refundAmount, payment.currency, 'refundAmount'),
    reason: body.reason,
    refundId,
    retry,
  })
}
