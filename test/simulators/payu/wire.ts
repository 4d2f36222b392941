/**
 * @module How the PayU simulator answers: JSON bodies, PayU's error shape `{status: {statusCode,
 * severity, code?, codeLiteral?, statusDesc}}` with the API reference's HTTP statuses (400 bad
 * values, 401 bad token, 404 DATA_NOT_FOUND, 415 no JSON, 500), the OAuth endpoint's
 * `{error, error_description}`, and the order and refund as PayU shows them.
 */
import { type Order, payuTime, type Refund } from './store.ts'

export const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers },
  })

export interface PayuErrorFields {
  statusCode: string
  statusDesc: string
  code?: string
  codeLiteral?: string
  severity?: 'ERROR' | 'INFO'
}

export const payuError = (status: number, fields: PayuErrorFields) =>
  json(
    {
      status: {
        statusCode: fields.statusCode,
        severity: fields.severity ?? 'ERROR',
        ...(fields.code ? { code: fields.code } : {}),
        ...(fields.codeLiteral ? { codeLiteral: fields.codeLiteral } : {}),
        statusDesc: fields.statusDesc,
      },
    },
    status
  )

export const invalidValue = (statusDesc: string, literal?: { code: string; codeLiteral: string }) =>
  payuError(400, { statusCode: 'ERROR_VALUE_INVALID', statusDesc, ...literal })

export const missingValue = (field: string) =>
  payuError(400, {
    statusCode: 'ERROR_VALUE_MISSING',
    statusDesc: `Missing required field: ${field}`,
  })

export const notFound = () =>
  payuError(404, {
    statusCode: 'DATA_NOT_FOUND',
    severity: 'INFO',
    statusDesc: 'Could not find data for given criteria.',
  })

export const internalError = () =>
  payuError(500, { statusCode: 'ERROR_INTERNAL', statusDesc: 'Internal server error' })

export const oauthError = (status: number, error: string, description: string) =>
  json({ error, error_description: description }, status)

export function orderView(order: Order) {
  return {
    orderId: order.orderId,
    ...(order.extOrderId === undefined ? {} : { extOrderId: order.extOrderId }),
    orderCreateDate: order.orderCreateDate,
    ...(order.notifyUrl ? { notifyUrl: order.notifyUrl } : {}),
    customerIp: order.customerIp,
    merchantPosId: order.posId,
    description: order.description,
    currencyCode: order.currencyCode,
    totalAmount: String(order.totalAmount),
    ...(order.buyer ? { buyer: order.buyer } : {}),
    ...(order.status === 'NEW' ? {} : { payMethod: { type: order.payMethodType } }),
    products: order.products,
    status: order.status,
  }
}

export function refundView(refund: Refund) {
  return {
    refundId: refund.refundId,
    ...(refund.extRefundId === undefined ? {} : { extRefundId: refund.extRefundId }),
    amount: String(refund.amount),
    currencyCode: refund.currencyCode,
    description: refund.description,
    creationDateTime: refund.creationDateTime,
    status: refund.status,
    statusDateTime: refund.statusDateTime,
  }
}

export { payuTime }
