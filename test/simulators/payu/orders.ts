/**
 * @module PayU orders (API reference "Create an Order", "Retrieve an Order", "Cancel an Order",
 * "Capture Authorized Order"). Create checks the documented required fields and formats
 * (amounts as minor-unit strings, products adding up to totalAmount, the token's own POS id,
 * extOrderId unique per POS: ERROR_ORDER_NOT_UNIQUE) and answers HTTP 302 with a JSON body and
 * `Location: redirectUri`. Capture (`PUT …/status` with `{orderId, orderStatus: "COMPLETED"}`, or
 * `POST …/captures`, with `{amount, currencyCode}` for a part) and cancel (`DELETE`) act on
 * WAITING_FOR_CONFIRMATION orders; cancel also voids NEW and PENDING ones.
 */
import { dropConnection, type Operation, type SimulatorKit } from '../kit/types.ts'
import { changeStatus } from './notify.ts'
import { type Order, type PayuStore, type Pos, payuTime } from './store.ts'
import { internalError, invalidValue, json, missingValue, orderView, payuError } from './wire.ts'

export const CURRENCIES = [
  'PLN',
  'EUR',
  'USD',
  'GBP',
  'CZK',
  'HUF',
  'RON',
  'BGN',
  'DKK',
  'NOK',
  'SEK',
  'CHF',
]
const AMOUNT = /^\d{1,15}$/

type Json = Record<string, unknown>
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0
/** PayU documents amounts as strings; integers are read too. */
const amountOf = (v: unknown) =>
  (typeof v === 'string' && AMOUNT.test(v)) || (Number.isSafeInteger(v) && (v as number) >= 0)
    ? Number(v)
    : undefined

export async function readJson(request: Request): Promise<Json | Response> {
  if (request.headers.get('Content-Type')?.split(';')[0]?.trim() !== 'application/json') {
    return new Response(null, { status: 415 })
  }
  const text = await request.text()
  if (text === '') return {}
  try {
    const body: unknown = JSON.parse(text)
    if (isObject(body)) return body
  } catch {}
  return payuError(400, { statusCode: 'ERROR_SYNTAX', statusDesc: 'Incorrect request syntax' })
}

function productsProblem(products: unknown, total: number): Response | undefined {
  if (!Array.isArray(products) || products.length === 0) return missingValue('products')
  let sum = 0
  for (const [i, product] of products.entries()) {
    if (!isObject(product) || !isText(product.name)) return missingValue(`products[${i}].name`)
    const price = amountOf(product.unitPrice)
    const quantity = amountOf(product.quantity)
    if (price === undefined) return invalidValue(`Invalid field value: products[${i}].unitPrice`)
    if (!quantity) return invalidValue(`Invalid field value: products[${i}].quantity`)
    sum += price * quantity
  }
  return sum === total ? undefined : invalidValue('Sum of products does not match totalAmount')
}

function orderProblem(body: Json, pos: Pos, store: PayuStore): Response | undefined {
  for (const field of [
    'customerIp',
    'merchantPosId',
    'description',
    'currencyCode',
    'totalAmount',
  ]) {
    if (body[field] === undefined || body[field] === '') return missingValue(field)
  }
  if (String(body.merchantPosId) !== pos.posId)
    return invalidValue('Invalid field value: merchantPosId')
  if (!isText(body.customerIp) || body.customerIp === '0.0.0.0')
    return invalidValue('Invalid field value: customerIp')
  if (!CURRENCIES.includes(String(body.currencyCode)))
    return invalidValue('Invalid field value: currencyCode')
  const total = amountOf(body.totalAmount)
  if (!total) return invalidValue('Invalid field value: totalAmount')
  if (body.extOrderId !== undefined && store.orderByExtId(pos.posId, String(body.extOrderId))) {
    return payuError(400, {
      statusCode: 'ERROR_ORDER_NOT_UNIQUE',
      statusDesc: 'Order already exists',
    })
  }
  const payMethod = isObject(body.payMethods) ? body.payMethods.payMethod : undefined
  if (
    body.payMethods !== undefined &&
    !(isObject(payMethod) && payMethod.type === 'PBL' && isText(payMethod.value))
  ) {
    return invalidValue('Invalid field value: payMethods')
  }
  return productsProblem(body.products, total)
}

export const pageUrlOf = (base: string, order: Order) =>
  `${base}/pay/?orderId=${order.orderId}&token=${order.pageToken}`

export async function createOrder(
  kit: SimulatorKit,
  store: PayuStore,
  pos: Pos,
  request: Request,
  base: string
) {
  const body = await readJson(request)
  if (body instanceof Response) return body
  const problem = orderProblem(body, pos, store)
  if (problem) return problem
  const fault = kit.fault(pos.posId, 'create')
  if (fault === 'http_500') return internalError()
  const payMethod =
    isObject(body.payMethods) && isObject(body.payMethods.payMethod)
      ? body.payMethods.payMethod
      : undefined
  const order = store.addOrder(
    {
      ...(body.extOrderId === undefined ? {} : { extOrderId: String(body.extOrderId) }),
      posId: pos.posId,
      status: 'NEW',
      totalAmount: amountOf(body.totalAmount)!,
      currencyCode: String(body.currencyCode),
      description: String(body.description),
      customerIp: String(body.customerIp),
      ...(isText(body.notifyUrl) ? { notifyUrl: body.notifyUrl } : {}),
      ...(isText(body.continueUrl) ? { continueUrl: body.continueUrl } : {}),
      ...(isObject(body.buyer) ? { buyer: body.buyer } : {}),
      products: (body.products as Json[]).map((p) => ({
        name: String(p.name),
        unitPrice: String(p.unitPrice),
        quantity: String(p.quantity),
      })),
      payMethodType: payMethod ? 'PBL' : 'PAYMENT_WALL',
      orderCreateDate: payuTime(kit.now()),
    },
    kit.now()
  )
  if (fault === 'drop') return dropConnection()
  const redirectUri = pageUrlOf(base, order)
  return json(
    {
      status: { statusCode: 'SUCCESS' },
      redirectUri,
      orderId: order.orderId,
      ...(order.extOrderId === undefined ? {} : { extOrderId: order.extOrderId }),
    },
    302,
    { Location: redirectUri }
  )
}

export interface OrderContext {
  kit: SimulatorKit
  pos: Pos
  order: Order
  request: Request
}

/** Runs `act` under the armed fault of `operation`: a 500 before acting, a cut connection after. */
export async function faulted(
  ctx: OrderContext,
  operation: Operation,
  act: () => Promise<Response>
) {
  const fault = ctx.kit.fault(ctx.pos.posId, operation)
  if (fault === 'http_500') return internalError()
  const answer = await act()
  return fault === 'drop' && answer.ok ? dropConnection() : answer
}

export function retrieveOrder({ kit, pos, order }: OrderContext) {
  if (kit.fault(pos.posId, 'status') === 'http_500') return internalError()
  return json({
    orders: [orderView(order)],
    status: { statusCode: 'SUCCESS', statusDesc: 'Request processing successful' },
  })
}

const statusInvalid = (order: Order) => invalidValue(`Order status is invalid: ${order.status}`)
const updated = () => json({ status: { statusCode: 'SUCCESS', statusDesc: 'Status was updated' } })

async function complete(ctx: OrderContext, amount: number) {
  ctx.order.capturedAmount = amount
  await changeStatus(ctx.kit, ctx.pos, ctx.order, 'COMPLETED')
  return updated()
}

/** `PUT …/status`: the SDK's (now deprecated) capture of the whole order. */
export async function updateStatus(ctx: OrderContext) {
  const body = await readJson(ctx.request)
  if (body instanceof Response) return body
  if (body.orderId !== ctx.order.orderId) return invalidValue('Invalid field value: orderId')
  if (body.orderStatus !== 'COMPLETED') return invalidValue('Invalid field value: orderStatus')
  return faulted(ctx, 'capture', async () =>
    ctx.order.status === 'WAITING_FOR_CONFIRMATION'
      ? complete(ctx, ctx.order.totalAmount)
      : statusInvalid(ctx.order)
  )
}

/** `POST …/captures`: empty for the whole order, `{amount, currencyCode}` for a part. */
export async function captureOrder(ctx: OrderContext) {
  const body = await readJson(ctx.request)
  if (body instanceof Response) return body
  const { order, pos } = ctx
  const partial = body.amount !== undefined
  const amount = partial ? amountOf(body.amount) : order.totalAmount
  if (partial && !pos.partialCapture)
    return invalidValue('Partial capture is not enabled for this POS')
  if (!amount || amount > order.totalAmount) return invalidValue('Invalid field value: amount')
  if (partial && body.currencyCode !== order.currencyCode)
    return invalidValue('Invalid field value: currencyCode')
  return faulted(ctx, 'capture', async () =>
    order.status === 'WAITING_FOR_CONFIRMATION' ? complete(ctx, amount) : statusInvalid(order)
  )
}

const CANCELLABLE = ['NEW', 'PENDING', 'WAITING_FOR_CONFIRMATION']

export function cancelOrder(ctx: OrderContext) {
  const { kit, pos, order } = ctx
  return faulted(ctx, 'cancel', async () => {
    if (!CANCELLABLE.includes(order.status)) return statusInvalid(order)
    await changeStatus(kit, pos, order, 'CANCELED')
    return json({
      orderId: order.orderId,
      ...(order.extOrderId === undefined ? {} : { extOrderId: order.extOrderId }),
      status: { statusCode: 'SUCCESS' },
    })
  })
}
