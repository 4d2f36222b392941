/**
 * @module Creating PayU orders and asking for their status. PayU is a hosted page: the order-create
 * answer (HTTP 302 with a JSON body, read because `send` never follows redirects) gives
 * `redirectUri`; the buyer comes back to `continueUrl` (with `?error=501` after a failure), which
 * carries nothing to trust, so every outcome here comes from `GET /api/v2_1/orders/{orderId}`.
 * PayU has no lookup by extOrderId, so a payment whose create answer was lost cannot be asked about
 * until a notification names its order.
 *
 * Auto-receive is a POS setting, not a field of the order: on a POS without it every paid order
 * waits in WAITING_FOR_CONFIRMATION. That is the authorization a `capture: false` payment wants;
 * for any other payment the adapter captures it the first time it sees it waiting.
 */
import { parseJson } from '../http'
import type {
  CreatePaymentInput,
  PaymentOutcome,
  PaymentReference,
  ProviderContext,
} from '../types'
import { callPayu } from './client'
import { CREATED_CODES } from './mapping'
import { captureWhole, retrieveOrder } from './orders'
import { declineOf, mayHaveCreated, outcomeOfOrder, readError } from './outcomes'
import { createOrderBody, isPayMethodValue } from './requests'
import { OrderCreated, type PayuOrder } from './wire'

/** HTTP statuses the PHP SDK reads an order-create answer from (`OpenPayU_Order::verifyResponse`). */
const CREATE_ANSWERED = [200, 201, 301, 302, 422]

const isCreated = (code: string) => (CREATED_CODES as readonly string[]).includes(code)

export async function createPayment(
  ctx: ProviderContext,
  input: CreatePaymentInput
): Promise<PaymentOutcome> {
  // Cards are typed on PayU's page; the buyer always comes back to continueUrl.
  if (input.card || input.recurring || !input.returnUrl) return { kind: 'not_supported' }
  if (input.paymentMethod !== undefined && !isPayMethodValue(input.paymentMethod)) {
    return { kind: 'not_supported' }
  }
  const { result, tokenFailed } = await callPayu(ctx, {
    method: 'POST',
    path: '/orders',
    json: createOrderBody(ctx, input),
  })
  if (tokenFailed) {
    const why = result.ok
      ? readError(result.status, result.text)
      : { message: `PayU's OAuth endpoint did not answer (${result.reason}).` }
    return { ...declineOf(why), message: `No access token, no order created: ${why.message}` }
  }
  if (!result.ok) return { kind: 'unknown', reason: result.reason }
  if (result.status >= 500) return { kind: 'unknown', reason: `http_${result.status}` }
  const created = CREATE_ANSWERED.includes(result.status)
    ? OrderCreated.safeParse(parseJson(result.text))
    : undefined
  if (created?.success && isCreated(created.data.status.statusCode)) {
    const { orderId, redirectUri } = created.data
    if (!orderId) return { kind: 'unknown', reason: 'created_without_order_id' }
    if (redirectUri)
      return { kind: 'pending', redirectUrl: redirectUri, providerPaymentId: orderId }
    return getStatus(ctx, {
      paymentId: input.paymentId,
      providerPaymentId: orderId,
      amountMinor: input.amountMinor,
      currency: input.currency,
      capturedMinor: 0,
      refundedMinor: 0,
      authorizeOnly: !input.capture,
    })
  }
  const error = readError(result.status, result.text)
  if (mayHaveCreated(error)) return { kind: 'unknown', reason: `payu_${error.statusCode}` }
  return declineOf(error)
}

/** PayU's view of the order, with a waiting sale captured as its payment asked. */
async function settleWaiting(
  ctx: ProviderContext,
  payment: PaymentReference,
  order: PayuOrder
): Promise<PaymentOutcome> {
  if (order.status !== 'WAITING_FOR_CONFIRMATION' || payment.authorizeOnly) {
    return outcomeOfOrder(order)
  }
  const captured = await captureWhole(ctx, order.orderId)
  if (captured.kind !== 'succeeded') {
    return { kind: 'unknown', reason: `auto_capture_${captured.kind}` }
  }
  return outcomeOfOrder({ ...order, status: 'COMPLETED' })
}

export async function getStatus(
  ctx: ProviderContext,
  payment: PaymentReference
): Promise<PaymentOutcome> {
  if (!payment.providerPaymentId) {
    return { kind: 'unknown', reason: 'PayU cannot be asked without its orderId.' }
  }
  const order = await retrieveOrder(ctx, payment.providerPaymentId)
  if ('kind' in order) return order
  if (order.extOrderId !== undefined && order.extOrderId !== payment.paymentId) {
    return { kind: 'unknown', reason: 'order_of_another_payment' }
  }
  return settleWaiting(ctx, payment, order)
}

/** The buyer is back from PayU's page; its query (`error=501`) is a hint, not the outcome. */
export const completeReturn = (
  ctx: ProviderContext,
  payment: PaymentReference,
  _params: Record<string, string>
): Promise<PaymentOutcome> => getStatus(ctx, payment)
