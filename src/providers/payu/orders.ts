/**
 * @module The calls on one PayU order that both payments and operations need: retrieving it
 * (`GET /api/v2_1/orders/{orderId}`, answered `{orders: [order], status}`) and capturing it whole
 * (`POST …/captures` "with an empty request body",
 * https://developers.payu.com/europe/docs/payment-flows/capture-and-cancel; answered `{status:
 * {statusCode: "SUCCESS", statusDesc: "Status was updated"}}`). The PHP SDK's `PUT …/status` with
 * `{orderId, orderStatus: "COMPLETED"}` (`OpenPayU_Order::statusUpdate`) is the API reference's
 * deprecated form of the same capture, sent only to a PayU that does not know the new one.
 */
import { parseJson } from '../http'
import type { OperationOutcome, ProviderContext } from '../types'
import { callPayu, orderPath } from './client'
import { readError, rejectionOf } from './outcomes'
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
  done: readonly PayuOrder['status'][],
  /** Sent instead when PayU does not know `request`'s endpoint (404 or 405). */
  olderForm?: Parameters<typeof callPayu>[1]
): Promise<OperationOutcome> {
  let { result } = await callPayu(ctx, request)
  if (olderForm && result.ok && (result.status === 404 || result.status === 405))
    ({ result } = await callPayu(ctx, olderForm))
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

/**
 * The documented `POST …/captures`; a PayU that answers it 404 or 405 gets the SDK's older form
 * (`PUT …/status` with `{orderId, orderStatus: "COMPLETED"}`), which captures the same way.
 */
export const captureWhole = (ctx: ProviderContext, orderId: string) =>
  orderUpdate(
    ctx,
    orderId,
    { method: 'POST', path: orderPath(orderId, 'captures') },
    ['COMPLETED'],
    {
      method: 'PUT',
      path: orderPath(orderId, 'status'),
      json: JSON.stringify({ orderId, orderStatus: 'COMPLETED' }),
    }
  )
