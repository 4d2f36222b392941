/**
 * @module The calls on one PayU order that both payments and operations need: retrieving it
 * (`GET /api/v2_1/orders/{orderId}`, answered `{orders: [order], status}`) and capturing it whole
 * (`PUT …/status` with `{orderId, orderStatus: "COMPLETED"}`, PHP SDK `OpenPayU_Order::
 * statusUpdate`; answered `{status: {statusCode: "SUCCESS", statusDesc: "Status was updated"}}`).
 */
import { parseJson } from '../http'
import type { OperationOutcome, ProviderContext } from '../types'
import { callPayu, orderPath } from './client'
import { readError, rejectionOf } from './outcomes'
import { completeOrderBody } from './requests'
import { OrderRetrieved, PayuError, type PayuOrder } from './wire'

export type Unknown = { kind: 'unknown'; reason: string }

export async function retrieveOrder(
  ctx: ProviderContext,
  orderId: string
): Promise<PayuOrder | Unknown> {
  const { result } = await callPayu(ctx, { method: 'GET', path: orderPath(orderId) })
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status !== 200) {
    const error = readError(result.status, result.text)
    return { kind: 'unknown', reason: `http_${result.status}_${error.statusCode ?? 'unreadable'}` }
  }
  const retrieved = OrderRetrieved.safeParse(parseJson(result.text))
  if (!retrieved.success) return { kind: 'unknown', reason: 'unreadable_order' }
  const order = retrieved.data.orders.find((o) => o.orderId === orderId)
  return order ?? { kind: 'unknown', reason: 'order_missing_from_answer' }
}

/**
 * The answer to a capture, cancel or other order update: SUCCESS is done; a refusal is PayU's
 * unless the order already is where the operation wanted it (`done`), as after a retry whose
 * first answer was lost.
 */
export async function orderUpdate(
  ctx: ProviderContext,
  orderId: string,
  request: Parameters<typeof callPayu>[1],
  done: readonly PayuOrder['status'][]
): Promise<OperationOutcome> {
  const { result } = await callPayu(ctx, request)
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const answer = PayuError.safeParse(parseJson(result.text))
  if (result.status === 200 && answer.success && answer.data.status.statusCode === 'SUCCESS') {
    return { kind: 'succeeded', providerReference: orderId }
  }
  const refusal = rejectionOf(readError(result.status, result.text))
  const order = await retrieveOrder(ctx, orderId)
  if ('kind' in order) return refusal
  return done.includes(order.status) ? { kind: 'succeeded', providerReference: orderId } : refusal
}

export const captureWhole = (ctx: ProviderContext, orderId: string) =>
  orderUpdate(
    ctx,
    orderId,
    { method: 'PUT', path: orderPath(orderId, 'status'), json: completeOrderBody(orderId) },
    ['COMPLETED']
  )
