/**
 * @module PayU refunds (API reference "Create a Refund", "Retrieve ALL Refunds Data"; the REST API
 * refund error table): `{refund: {description, amount?, extRefundId?, currencyCode?}}` on a
 * COMPLETED order, full when `amount` is absent, never more than is left (AMOUNT_TO_BIG). The
 * request "is idempotent, so if exactly same data will be provided, response will return data of
 * already previously created refund"; the same extRefundId with other data is
 * REFUND_IDEMPOTENCY_MISMATCH. A refund is answered PENDING ("Refund queued for processing"), then
 * finalized at once, with its notification.
 */
import type { SimulatorKit } from '../kit/types.ts'
import { changeRefundStatus } from './notify.ts'
import { faulted, type OrderContext, readJson } from './orders.ts'
import { type Order, type PayuStore, type Pos, payuTime, type Refund } from './store.ts'
import { invalidValue, json, notFound, payuError, refundView } from './wire.ts'

const REFUND_ERRORS = {
  MISSING_REFUND_SECTION: '8058',
  TRANS_NOT_ENDED: '9049',
  AMOUNT_TO_BIG: '9052',
  AMOUNT_TO_SMALL: '9053',
  REFUND_IDEMPOTENCY_MISMATCH: '9059',
} as const

const refundError = (codeLiteral: keyof typeof REFUND_ERRORS, statusDesc: string) =>
  invalidValue(statusDesc, { code: REFUND_ERRORS[codeLiteral], codeLiteral })

const answer = (orderId: string, refund: Refund) =>
  json({
    orderId,
    refund: refundView(refund),
    status: { statusCode: 'SUCCESS', statusDesc: 'Refund queued for processing' },
  })

const counted = (refund: Refund) => refund.status !== 'CANCELED'

export async function createRefund(ctx: OrderContext, store: PayuStore) {
  const { kit, pos, order } = ctx
  const body = await readJson(ctx.request)
  if (body instanceof Response) return body
  const section = body.refund
  if (typeof section !== 'object' || section === null || Array.isArray(section)) {
    return payuError(400, {
      statusCode: 'ERROR_VALUE_MISSING',
      code: REFUND_ERRORS.MISSING_REFUND_SECTION,
      codeLiteral: 'MISSING_REFUND_SECTION',
      statusDesc: 'Missing refund section',
    })
  }
  const fields = section as Record<string, unknown>
  if (typeof fields.description !== 'string' || fields.description === '') {
    return payuError(400, {
      statusCode: 'ERROR_VALUE_MISSING',
      statusDesc: 'Missing required field: refund.description',
    })
  }
  if (fields.currencyCode !== undefined && fields.currencyCode !== order.currencyCode) {
    return invalidValue('Invalid field value: refund.currencyCode')
  }
  const extRefundId = fields.extRefundId === undefined ? undefined : String(fields.extRefundId)
  const fingerprint = JSON.stringify([
    fields.description,
    fields.amount ?? null,
    fields.currencyCode ?? null,
  ])
  return faulted(ctx, 'refund', async () => {
    const earlier = extRefundId && order.refunds.find((r) => r.extRefundId === extRefundId)
    if (earlier) {
      return earlier.fingerprint === fingerprint
        ? answer(order.orderId, earlier)
        : refundError('REFUND_IDEMPOTENCY_MISMATCH', 'extRefundId was used with other refund data')
    }
    if (order.status !== 'COMPLETED')
      return refundError('TRANS_NOT_ENDED', 'Transaction has not been finished')
    const left =
      order.capturedAmount - order.refunds.filter(counted).reduce((sum, r) => sum + r.amount, 0)
    const amount = fields.amount === undefined ? left : Number(fields.amount)
    if (fields.amount !== undefined && !/^\d{1,15}$/.test(String(fields.amount))) {
      return invalidValue('Invalid field value: refund.amount')
    }
    if (amount <= 0) return refundError('AMOUNT_TO_SMALL', 'Refund value is too small')
    if (amount > left)
      return refundError('AMOUNT_TO_BIG', 'Refund amount exceeds transaction amount')
    const now = payuTime(kit.now())
    const refund: Refund = {
      refundId: store.newRefundId(),
      ...(extRefundId === undefined ? {} : { extRefundId }),
      amount,
      currencyCode: order.currencyCode,
      description: fields.description as string,
      fingerprint,
      status: 'PENDING',
      creationDateTime: now,
      statusDateTime: now,
    }
    order.refunds.push(refund)
    const queued = answer(order.orderId, refund)
    await changeRefundStatus(kit, pos, order, refund, 'FINALIZED')
    return queued
  })
}

export const listRefunds = ({ order }: OrderContext) =>
  json({ refunds: order.refunds.map(refundView) })

export function retrieveRefund({ order }: OrderContext, refundId: string) {
  const refund = order.refunds.find((r) => r.refundId === refundId)
  return refund ? json({ refunds: [refundView(refund)] }) : notFound()
}

/** The merchant refunds what is left of a COMPLETED order in PayU's panel. */
export async function refundInPanel(kit: SimulatorKit, store: PayuStore, pos: Pos, order: Order) {
  const left =
    order.capturedAmount - order.refunds.filter(counted).reduce((sum, r) => sum + r.amount, 0)
  if (order.status !== 'COMPLETED' || left <= 0) return json({ error: 'nothing to refund' }, 409)
  const now = payuTime(kit.now())
  const refund: Refund = {
    refundId: store.newRefundId(),
    amount: left,
    currencyCode: order.currencyCode,
    description: 'Refund from the panel',
    fingerprint: '',
    status: 'PENDING',
    creationDateTime: now,
    statusDateTime: now,
  }
  order.refunds.push(refund)
  await changeRefundStatus(kit, pos, order, refund, 'FINALIZED', { bare: true })
  return json({ refundId: refund.refundId })
}
