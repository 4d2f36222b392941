/**
 * @module PayU's notifications as the simulator sends them to the order's `notifyUrl`: a POST of
 * JSON on every order status change after NEW and every refund status change, signed
 * `OpenPayu-Signature: sender=checkout;signature=<hex>;algorithm=MD5;content=DOCUMENT` where the
 * signature is hex(HASH(body + second key)), repeated as `X-OpenPayU-Signature` (PHP SDK
 * `OpenPayU_Util::verifySignature`; the REST API documentation's notification example). Order
 * notifications carry `{order, localReceiptDateTime (COMPLETED), properties: [PAYMENT_ID]}`,
 * refund notifications `{orderId, extOrderId, refund: {refundId, amount, currencyCode, status,
 * statusDateTime, reason, reasonDescription, refundDate}}`.
 */
import { createHash } from 'node:crypto'
import type { SimulatorKit } from '../kit/types.ts'
import { type Order, type OrderStatus, type Pos, payuTime, type Refund } from './store.ts'
import { orderView } from './wire.ts'

/** The names PayU writes in `algorithm=` (PHP SDK `OpenPayU_Util::ALGORITHMS_TO_HASH`). */
const HASHES = { MD5: 'md5', 'SHA-256': 'sha256', SHA256: 'sha256', SHA: 'sha256' } as const

export function signatureHeader(pos: Pos, body: string) {
  const signature = createHash(HASHES[pos.signatureAlgorithm])
    .update(body + pos.secondKey, 'utf8')
    .digest('hex')
  return `sender=checkout;signature=${signature};algorithm=${pos.signatureAlgorithm};content=DOCUMENT`
}

async function send(kit: SimulatorKit, pos: Pos, order: Order, body: string) {
  if (!order.notifyUrl) return
  const signature = signatureHeader(pos, body)
  await kit.notify(pos.posId, {
    method: 'POST',
    url: order.notifyUrl,
    headers: {
      'Content-Type': 'application/json;charset=UTF-8',
      'OpenPayu-Signature': signature,
      'X-OpenPayU-Signature': signature,
    },
    body,
  })
}

/** Moves the order and tells the shop, as PayU does for every status but NEW. */
export async function changeStatus(kit: SimulatorKit, pos: Pos, order: Order, status: OrderStatus) {
  order.status = status
  const body = JSON.stringify({
    order: orderView(order),
    ...(status === 'COMPLETED' ? { localReceiptDateTime: payuTime(kit.now()) } : {}),
    properties: [{ name: 'PAYMENT_ID', value: order.paymentId }],
  })
  await send(kit, pos, order, body)
}

/**
 * `bare`: a refund made in PayU's panel, notified with only `refundId`, `status`, `reason` and
 * `refundDate` (as seen in PayU's sandbox, PayU-EMEA/openpayu_php issue #112).
 */
export async function changeRefundStatus(
  kit: SimulatorKit,
  pos: Pos,
  order: Order,
  refund: Refund,
  status: Refund['status'],
  { bare = false } = {}
) {
  refund.status = status
  refund.statusDateTime = payuTime(kit.now())
  const detail = bare
    ? { refundId: refund.refundId, status, reason: 'refund', refundDate: refund.statusDateTime }
    : {
        refundId: refund.refundId,
        amount: String(refund.amount),
        currencyCode: refund.currencyCode,
        status,
        statusDateTime: refund.statusDateTime,
        reason: 'refund',
        reasonDescription: refund.description,
        refundDate: refund.creationDateTime,
      }
  const body = JSON.stringify({
    orderId: order.orderId,
    ...(order.extOrderId === undefined ? {} : { extOrderId: order.extOrderId }),
    refund: detail,
  })
  await send(kit, pos, order, body)
}
