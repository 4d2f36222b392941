/**
 * @module What the payment routes share: the Payment answer schema, path parameters, the
 * Idempotency-Key header, the error answers, and turning a request into a payment scope.
 */

import type { Context } from 'hono'
import { EXAMPLE_IDS } from '#document-only'
import { environmentOfMode, type Principal } from '../auth/principal'
import { isId } from '../domain/ids'
import { describeAmountProblem, parseMajorAmount } from '../domain/money'
import { PAYMENT_STATUSES } from '../domain/payment-status'
import type { AppEnv } from '../env'
import { ApiError } from '../errors'
import type { PaymentScope } from '../payments/operations'
import { ENVIRONMENTS, type Environment } from '../providers/types'
import { servicesOf } from '../services'
import { commonErrors, errorResponse } from './openapi'
import * as z from './openapi-zod'
import { requireProvider } from './providers'
import { PaymentRisk } from './risk-api'

export const Payment = z
  .object({
    success: z.boolean(),
    status: z.enum(PAYMENT_STATUSES),
    paymentId: z.string().openapi({ example: EXAMPLE_IDS.payment }),
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
    capturedAmount: z.number(),
    capturedAmountMinor: z
      .number()
      .int()
      .openapi({ description: 'Captured so far; less than the amount after a partial capture.' }),
    refundedAmount: z.number(),
    refundedAmountMinor: z.number().int(),
    redirectUrl: z
      .string()
      .optional()
      .openapi({ description: 'Send the shopper here (3-D Secure, hosted page).' }),
    pendingOperation: z
      .object({
        type: z.enum(['capture', 'cancel']),
        amount: z.number().optional(),
        amountMinor: z.number().int().optional(),
      })
      .optional()
      .openapi({
        description:
          'A capture or cancel the provider accepted and will settle later (answered 202); its ' +
          'notification moves the payment on and announces it by webhook.',
      }),
    recurring: z
      .enum(['requested', 'active', 'stopped'])
      .optional()
      .openapi({
        description:
          '`recurring: true` payments: `active` once the provider stored the payment method; ' +
          'charge it with `POST …/{paymentId}/recurrence`.',
      }),
    parentPaymentId: z
      .string()
      .optional()
      .openapi({ description: 'For a recurring charge: the payment whose method it charged.' }),
    message: z.string().optional(),
    declineCode: z.string().optional(),
    card: z.string().optional().openapi({ example: '424242******4242' }),
    cardFingerprint: z.string().optional().openapi({
      description:
        'The same card gives the same value within your tenant (a keyed HMAC of its number): block cards by it in `PUT /v1/config/risk`.',
    }),
    orderId: z.string().optional(),
    risk: PaymentRisk.optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Payment')

export const ProviderParam = z.object({
  provider: z.string().max(64).openapi({ example: 'sandbox' }),
})
export const PaymentParams = ProviderParam.extend({
  paymentId: z.string().max(64).openapi({ example: EXAMPLE_IDS.payment }),
})

/** `PaymentParams` whose examples name a payment the operation applies to (same validation). */
export const paymentParamsExample = (provider: string, paymentId: string) =>
  z.object({
    provider: PaymentParams.shape.provider.openapi({ example: provider }),
    paymentId: PaymentParams.shape.paymentId.openapi({ example: paymentId }),
  })
export const idempotencyHeader = z.object({
  'idempotency-key': z.string().optional().openapi({
    description: 'Makes retries safe: the first answer is replayed for 24 hours.',
    example: '8f14e45f-ceea-4e7a-9f6b-2c1d5a7e3b90',
  }),
})

export const paymentErrors = {
  ...commonErrors,
  404: errorResponse('Unknown provider or payment (`provider_not_found`, `not_found`).'),
  409: errorResponse(
    "Not allowed in the payment's state, or the same Idempotency-Key is running (`invalid_transition`, `idempotency_in_flight`)."
  ),
  422: errorResponse(
    'Not configured, not supported, refused by the provider, or refused by your risk rules (`risk_blocked`).'
  ),
  502: errorResponse('The provider did not answer (`provider_error`).'),
}

export function scopeOf(c: Context<AppEnv>, providerId: string): Promise<PaymentScope> {
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

/** Payment ids that cannot exist are 404 before any lookup. */
export function paymentIdOf(value: string) {
  if (!isId('payment', value)) throw new ApiError('not_found', 'No such payment.')
  return value
}

export function amountOf(amount: number | string | undefined, currency: string, field: string) {
  if (amount === undefined) return undefined
  const parsed = parseMajorAmount(amount, currency)
  if ('problem' in parsed)
    throw new ApiError(
      'invalid_request',
      `${field} ${describeAmountProblem(parsed.problem, currency)}.`,
      [{ path: field, message: describeAmountProblem(parsed.problem, currency) }]
    )
  return parsed.minor
}

/** An API key lists only what belongs to its own mode; asking for the other mode is refused. */
export function listedEnvironment(
  principal: Principal,
  requested: Environment | undefined,
  what = 'payments'
) {
  if (principal.mode === 'any') return requested
  const own = environmentOfMode(principal.mode)
  if (requested && requested !== own) {
    throw new ApiError('forbidden', `A ${principal.mode} API key cannot list ${requested} ${what}.`)
  }
  return own
}
