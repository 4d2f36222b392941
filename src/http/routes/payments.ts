/**
 * @module The payment API (`/v1/payments/…`): create (direct card, 3-D Secure, hosted), status,
 * cancel, capture, refund, and the tenant's payment list. Answers: 201 for a created payment
 * (successful, authorized or pending with `redirectUrl`), 402 for a decline (`success: false` with
 * `declineCode`), 202 when the provider's answer is still unknown (`processing`).
 */
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { environmentOfMode, type Principal } from '../../auth/principal'
import { listPayments } from '../../db/repos/payments'
import { isId } from '../../domain/ids'
import { parseMajorAmount } from '../../domain/money'
import { PAYMENT_STATUSES } from '../../domain/payment-status'
import type { AppEnv } from '../../env'
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
import { ENVIRONMENTS, type Environment } from '../../providers/types'
import { route } from '../access'
import { ApiError } from '../errors'
import { tenantGuard } from '../middleware/tenant-guard'
import {
  commonErrors,
  createRouter,
  errorResponse,
  jsonBody,
  jsonResponse,
  nextCursorOf,
} from '../openapi'
import { requireProvider } from '../providers'
import { servicesOf } from '../services'

const Payment = z
  .object({
    success: z.boolean(),
    status: z.enum(PAYMENT_STATUSES),
    paymentId: z.string().openapi({ example: 'pay_01JF4M5XQ8Z3W6V1B2N7K9C0DE' }),
    transactionId: z
      .string()
      .nullable()
      .openapi({ description: "The provider's id for the payment." }),
    provider: z.string(),
    environment: z.enum(ENVIRONMENTS),
    amount: z.number().openapi({ example: 100.5, description: 'Major units, for display.' }),
    amountMinor: z
      .number()
      .int()
      .openapi({ example: 10050, description: 'The exact amount in minor units.' }),
    currency: z.string(),
    refundedAmount: z.number(),
    refundedAmountMinor: z.number().int(),
    redirectUrl: z
      .string()
      .optional()
      .openapi({ description: 'Send the shopper here (3-D Secure, hosted page).' }),
    message: z.string().optional(),
    declineCode: z.string().optional(),
    card: z.string().optional().openapi({ example: '552879******0008' }),
    orderId: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Payment')

const ProviderParam = z.object({ provider: z.string().max(64).openapi({ example: 'sandbox' }) })
const PaymentParams = ProviderParam.extend({ paymentId: z.string().max(64) })
const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .openapi({ description: 'Makes retries safe: the first answer is replayed for 24 hours.' }),
})

const paymentErrors = {
  ...commonErrors,
  404: errorResponse('Unknown provider or payment (`provider_not_found`, `not_found`).'),
  409: errorResponse(
    "Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`)."
  ),
  422: errorResponse('Not configured, not supported, or refused by the provider.'),
  502: errorResponse('The provider did not answer (`provider_error`).'),
}

function scopeOf(c: Context<AppEnv>, providerId: string): Promise<PaymentScope> {
  const services = servicesOf(c.env)
  const provider = requireProvider(providerId)
  return services.keyring().then((keyring) => ({
    env: c.env,
    services,
    keyring,
    provider,
    tenantId: c.get('principal').tenantId,
    mode: c.get('principal').mode,
  }))
}

/** An API key lists only payments of its own mode; asking for the other mode is refused. */
function listedEnvironment(principal: Principal, requested: Environment | undefined) {
  if (principal.mode === 'any') return requested
  const own = environmentOfMode(principal.mode)
  if (requested && requested !== own) {
    throw new ApiError(
      'forbidden',
      `A ${principal.mode} API key cannot list ${requested} payments.`
    )
  }
  return own
}

/** Payment ids that cannot exist are 404 before any lookup. */
function paymentIdOf(value: string) {
  if (!isId('payment', value)) throw new ApiError('not_found', 'No such payment.')
  return value
}

function amountOf(amount: number | string | undefined, currency: string, field: string) {
  if (amount === undefined) return undefined
  const parsed = parseMajorAmount(amount, currency)
  if ('problem' in parsed)
    throw new ApiError('invalid_request', `${field} is not a valid amount in ${currency}.`, [
      { path: field, message: parsed.problem },
    ])
  return parsed.minor
}

const create = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}',
    tags: ['Payments'],
    summary: 'Create a payment: direct card, 3-D Secure (use3D) or hosted (no cardInfo)',
    request: {
      params: ProviderParam,
      headers: idempotencyHeader,
      body: jsonBody(CreatePaymentBody),
    },
    responses: {
      201: jsonResponse(Payment, 'Created: successful, authorized, or pending with a redirectUrl.'),
      202: jsonResponse(Payment, 'The provider did not answer in time; the payment is processing.'),
      402: jsonResponse(Payment, 'Declined: success is false and declineCode says why.'),
      ...paymentErrors,
    },
  },
  tenantGuard('payment', { reserve: 'payment' })
)

const get = route(
  'tenant',
  {
    method: 'get',
    path: '/v1/payments/{provider}/{paymentId}',
    tags: ['Payments'],
    summary: "A payment's status (pending and processing payments are checked with the provider)",
    request: { params: PaymentParams },
    responses: { 200: jsonResponse(Payment, 'The payment.'), ...paymentErrors },
  },
  tenantGuard('status')
)

const cancel = route(
  'tenant',
  {
    method: 'delete',
    path: '/v1/payments/{provider}/{paymentId}',
    tags: ['Payments'],
    summary: 'Cancel (void) a payment before settlement',
    request: { params: PaymentParams, headers: idempotencyHeader },
    responses: { 200: jsonResponse(Payment, 'Cancelled.'), ...paymentErrors },
  },
  tenantGuard('refund', { reserve: 'refund' })
)

const capture = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}/{paymentId}/capture',
    tags: ['Payments'],
    summary: 'Capture an authorized payment (created with capture: false)',
    request: {
      params: PaymentParams,
      headers: idempotencyHeader,
      body: {
        required: false,
        content: { 'application/json': { schema: z.object({ amount: MajorAmount.optional() }) } },
      },
    },
    responses: { 200: jsonResponse(Payment, 'Captured.'), ...paymentErrors },
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
          .openapi('RefundRequest')
      ),
    },
    responses: {
      200: jsonResponse(Payment.extend({ refund: Refund }), 'Refunded.'),
      202: jsonResponse(
        Payment.extend({ refund: Refund }),
        'The provider did not answer; the refund is processing.'
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
    tags: ['Payments'],
    summary: "The tenant's payments, newest first",
    request: {
      query: z.object({
        provider: z.string().max(64).optional(),
        status: z.enum(PAYMENT_STATUSES).optional(),
        environment: z.enum(ENVIRONMENTS).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z
          .string()
          .max(64)
          .optional()
          .openapi({ description: 'nextCursor of the previous page.' }),
      }),
    },
    responses: {
      200: jsonResponse(
        z.object({
          success: z.literal(true),
          data: z.array(Payment),
          nextCursor: z.string().nullable(),
        }),
        'A page of payments.'
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
    })
    return c.json(answer.body, answer.httpStatus)
  })
  .openapi(refund, async (c) => {
    const body = c.req.valid('json')
    const scope = await scopeOf(c, c.req.valid('param').provider)
    const payment = await refundPaymentFor(scope, body, c.get('reservedId'))
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
    const payment = await cancelPayment(await scopeOf(c, provider), paymentIdOf(paymentId))
    return c.json(presentPayment(payment), 200)
  })
  .openapi(capture, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const scope = await scopeOf(c, provider)
    const stored = await requirePayment(scope, paymentIdOf(paymentId))
    const amount = c.req.valid('json')?.amount
    const payment = await capturePayment(scope, stored, amountOf(amount, stored.currency, 'amount'))
    return c.json(presentPayment(payment), 200)
  })

async function refundPaymentFor(
  scope: PaymentScope,
  body: { paymentId: string; refundAmount?: number | string; reason?: string },
  refundId: string
) {
  const payment = await requirePayment(scope, paymentIdOf(body.paymentId))
  return refundPayment(scope, payment, {
    amountMinor: amountOf(body.refundAmount, payment.currency, 'refundAmount'),
    reason: body.reason,
    refundId,
  })
}
