/**
 * @module Recurring charges of a payment made with `recurring: true`:
 * `POST /v1/payments/{provider}/{paymentId}/recurrence` charges the stored payment method again
 * without the shopper (a new payment with `parentPaymentId`, answered like a created payment),
 * `DELETE` on the same path stops further charges.
 */

import { EXAMPLE_IDS, PAYMENT_EXAMPLES } from '#document-only'
import { Currency, MajorAmount } from '../../payments/create-request'
import { presentPayment } from '../../payments/present'
import { chargeRecurrence, stopRecurrence } from '../../payments/recurrence'
import { route } from '../access'
import { tenantGuard } from '../middleware/tenant-guard'
import { createRouter, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import {
  amountOf,
  idempotencyHeader,
  Payment,
  paymentErrors,
  paymentIdOf,
  paymentParamsExample,
  scopeOf,
} from '../payment-api'

/** A payment made with `recurring: true` at a provider that stores payment methods. */
const RecurringPaymentParams = paymentParamsExample('stripe', EXAMPLE_IDS.recurringPayment)

const charge = route(
  'tenant',
  {
    method: 'post',
    path: '/v1/payments/{provider}/{paymentId}/recurrence',
    tags: ['Payments'],
    summary: 'Charge the payment method a recurring payment stored, without the shopper',
    description:
      'The payment must have been made with `recurring: true` and be `recurring: active`. The ' +
      'charge is a new payment whose `parentPaymentId` is this one; it answers like a created ' +
      'payment (201 successful, 402 declined, 202 processing). Send an `Idempotency-Key`.',
    request: {
      params: RecurringPaymentParams,
      headers: idempotencyHeader,
      body: jsonBody(
        z
          .object({
            amount: MajorAmount,
            currency: Currency,
            orderId: z.string().max(64).optional(),
            description: z.string().max(500).optional(),
          })
          .openapi('RecurringChargeRequest'),
        {
          example: {
            amount: 100.5,
            currency: 'TRY',
            orderId: 'SUB-2027-01',
            description: 'Monthly plan, January 2027',
          },
        }
      ),
    },
    responses: {
      201: jsonResponse(Payment, 'Charged: the new payment.', {
        example: PAYMENT_EXAMPLES.recurringCharge,
      }),
      202: jsonResponse(Payment, 'The provider did not answer in time; the charge is processing.', {
        example: PAYMENT_EXAMPLES.recurringProcessing,
      }),
      402: jsonResponse(Payment, 'Declined: the new payment, with declineCode.', {
        example: PAYMENT_EXAMPLES.recurringDeclined,
      }),
      ...paymentErrors,
    },
  },
  tenantGuard('payment', { reserve: 'payment' })
)

const stop = route(
  'tenant',
  {
    method: 'delete',
    path: '/v1/payments/{provider}/{paymentId}/recurrence',
    tags: ['Payments'],
    summary: 'Stop further recurring charges of a payment (the provider forgets the method)',
    request: { params: RecurringPaymentParams },
    responses: {
      200: jsonResponse(Payment, 'Stopped: the payment, with `recurring: stopped`.', {
        example: PAYMENT_EXAMPLES.recurringStopped,
      }),
      ...paymentErrors,
    },
  },
  tenantGuard('payment')
)

export const recurrenceRoutes = createRouter()
  .openapi(charge, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const body = c.req.valid('json')
    const scope = await scopeOf(c, provider)
    const answer = await chargeRecurrence(scope, paymentIdOf(paymentId), {
      amountMinor: amountOf(body.amount, body.currency, 'amount')!,
      currency: body.currency,
      orderId: body.orderId,
      description: body.description,
      paymentId: c.get('reservedId'),
      reclaimed: c.get('reclaimed'),
      idempotencyKey: c.req.header('Idempotency-Key'),
    })
    return c.json(answer.body, answer.httpStatus)
  })
  .openapi(stop, async (c) => {
    const { provider, paymentId } = c.req.valid('param')
    const payment = await stopRecurrence(await scopeOf(c, provider), paymentIdOf(paymentId))
    return c.json(presentPayment(payment), 200)
  })
