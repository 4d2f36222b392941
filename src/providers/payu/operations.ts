/**
 * @module Follow-up operations on a PayU order. Capture (only of WAITING_FOR_CONFIRMATION orders):
 * `POST …/captures`, empty for the whole order (see `orders.ts`), with `{amount, currencyCode}` for
 * a part of it (API reference "Capture Authorized Order": a partial capture PayU has to turn on
 * for the POS). Cancel: `DELETE /api/v2_1/orders/{orderId}`, which returns all funds of an
 * authorization or voids an unpaid order; PayU refuses it for COMPLETED orders, which are refunded.
 * Refund: `POST …/refunds` with `{refund: {description, amount?, extRefundId, currencyCode}}`,
 * full or partial; "this request is idempotent, so if exactly same data will be provided, response
 * will return data of already previously created refund" (API reference "Create a Refund"), which
 * is how a refund whose answer was lost is sent again safely.
 */
import { parseJson } from '../http'
import type { OperationOutcome, PaymentReference, ProviderContext, RefundInput } from '../types'
import { callPayu, orderPath } from './client'
import { REFUND_OUTCOME } from './mapping'
import { captureWhole, orderUpdate } from './orders'
import { readError, rejectionOf } from './outcomes'
import { partialCaptureBody, refundBody } from './requests'
import { type PayuRefund, RefundCreated, RefundList } from './wire'

const NOT_CONFIRMED = {
  kind: 'rejected',
  reason: 'PayU has not confirmed this order yet.',
} as const

export async function capture(
  ctx: ProviderContext,
  payment: PaymentReference,
  amountMinor: number
): Promise<OperationOutcome> {
  const orderId = payment.providerPaymentId
  if (!orderId) return NOT_CONFIRMED
  if (amountMinor >= payment.amountMinor) return captureWhole(ctx, orderId)
  return orderUpdate(
    ctx,
    orderId,
    {
      method: 'POST',
      path: orderPath(orderId, 'captures'),
      json: partialCaptureBody(amountMinor, payment.currency),
    },
    ['COMPLETED']
  )
}

export function cancel(ctx: ProviderContext, payment: PaymentReference): Promise<OperationOutcome> {
  const orderId = payment.providerPaymentId
  if (!orderId) return Promise.resolve(NOT_CONFIRMED)
  // REJECTED is the SDK's legacy name of an authorization the merchant refused.
  return orderUpdate(ctx, orderId, { method: 'DELETE', path: orderPath(orderId) }, [
    'CANCELED',
    'REJECTED',
  ])
}

function outcomeOfRefund(refund: PayuRefund): OperationOutcome {
  const kind = REFUND_OUTCOME[refund.status]
  if (kind === 'rejected') {
    return { kind, reason: 'PayU reports the refund CANCELED.', providerCode: refund.status }
  }
  return { kind, providerReference: refund.refundId }
}

/** PayU's refunds of the order, to find one sent before under the same extRefundId. */
async function refundSentBefore(
  ctx: ProviderContext,
  orderId: string,
  refundId: string
): Promise<PayuRefund | undefined> {
  const { result } = await callPayu(ctx, { method: 'GET', path: orderPath(orderId, 'refunds') })
  if (!result.ok || result.status !== 200) return undefined
  const list = RefundList.safeParse(parseJson(result.text))
  return list.success ? list.data.find((r) => r.extRefundId === refundId) : undefined
}

export async function refund(
  ctx: ProviderContext,
  payment: PaymentReference,
  input: RefundInput
): Promise<OperationOutcome> {
  const orderId = payment.providerPaymentId
  if (!orderId) return NOT_CONFIRMED
  const { result } = await callPayu(ctx, {
    method: 'POST',
    path: orderPath(orderId, 'refunds'),
    json: refundBody(payment, input),
  })
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const created = RefundCreated.safeParse(parseJson(result.text))
  // The API reference answers 200; the SDK's `OpenPayU_Refund::verifyResponse` also reads 201.
  if ((result.status === 200 || result.status === 201) && created.success) {
    return outcomeOfRefund(created.data.refund)
  }
  const refusal = rejectionOf(readError(result.status, result.text))
  if (!input.retry) return refusal
  // A retry PayU refuses may still be a refund it made the first time: its list says.
  const before = await refundSentBefore(ctx, orderId, input.refundId)
  return before ? outcomeOfRefund(before) : refusal
}
