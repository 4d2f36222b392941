/**
 * @module `POST /pay/unifiedorder` and `POST /pay/orderquery` (GoPay88 document 统一下单 and
 * 订单查询; cmpay `logic/PrePay.php`, `service/response/BuildCharge.php`). A created order answers
 * with the echoed order and `credential.mweb_url`, the cashier page; a query with the order row
 * and its numeric status. Answers are signed JSON sent, as ThinkPHP does, as text/html.
 */
import { randomBytes } from 'node:crypto'
import { dropConnection, type SimulatorKit } from '../kit/types.ts'
import { checkRequest, gopay88Error, invalidParameters } from './gateway-checks.ts'
import { phpJsonEncode, threeDecimals } from './php.ts'
import { platformSigned } from './signing.ts'
import type { Gopay88Store, Order } from './store.ts'

const CREATE_REQUIRED = [
  'mchid',
  'out_trade_no',
  'subject',
  'body',
  'amount',
  'channel',
  'extparam',
  'currency',
  'client_ip',
  'notify_url',
  'return_url',
]
/**
 * 支付金额: type `float`, "两位精度"; the request sample sends `"amount": 100`. Stricter than
 * cmpay, which takes a numeric string too: the number the document types is the only form taken.
 */
const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && value > 0 && /^\d+(?:\.\d{1,2})?$/.test(String(value))
const URL_PATTERN = /^https?:\/\/\S+$/

const systemError = () =>
  gopay88Error(500, 999999, 'Error .[There may be a problem with the system.]')

const filled = (value: unknown) => value !== undefined && value !== null && value !== ''

/** extparam "参数格式为json": an object, or its JSON text, carrying the shopper's `userid`. */
function extparamOf(value: unknown): Record<string, unknown> | undefined {
  let parsed = value
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value)
    } catch {
      return undefined
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined
  const fields = parsed as Record<string, unknown>
  return filled(fields.userid) ? fields : undefined
}

export class Gopay88Api {
  private readonly kit: SimulatorKit
  private readonly store: Gopay88Store

  constructor(kit: SimulatorKit, store: Gopay88Store) {
    this.kit = kit
    this.store = store
  }

  private signedAnswer(charge: unknown) {
    const { chargeJson, headers } = platformSigned(
      this.store.platformKeys().privateKey,
      charge,
      this.kit.now()
    )
    return new Response(`{"result_code":"OK","result_msg":"SUCCESS","charge":${chargeJson}}`, {
      headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    })
  }

  async unifiedOrder(request: Request, base: string): Promise<Response> {
    const checked = await checkRequest(this.store, request)
    if (!checked.ok) return checked.response
    const { merchant, payload } = checked
    const fault = this.kit.fault(merchant.mchid, 'create')
    if (fault === 'http_500') return systemError()
    if (CREATE_REQUIRED.some((field) => !filled(payload[field]))) return invalidParameters()
    const extparam = extparamOf(payload.extparam)
    const valid =
      isAmount(payload.amount) &&
      extparam !== undefined &&
      ['CNY', 'INR'].includes(String(payload.currency)) &&
      URL_PATTERN.test(String(payload.notify_url)) &&
      URL_PATTERN.test(String(payload.return_url))
    if (!valid) return invalidParameters()
    const amount = (payload.amount as number).toFixed(2)
    const outTradeNo = String(payload.out_trade_no)
    if (this.store.order(merchant.mchid, outTradeNo))
      return invalidParameters('Create Order Error:[Repeat Order Number]')
    const order: Order = {
      mchid: merchant.mchid,
      outTradeNo,
      tradeNo: `C${new Date(this.kit.now()).toISOString().replace(/\D/g, '').slice(0, 14)}${randomBytes(3).toString('hex')}`,
      token: randomBytes(16).toString('hex'),
      subject: String(payload.subject),
      body: String(payload.body),
      amount,
      currency: String(payload.currency),
      channel: String(payload.channel),
      extparam,
      clientIp: String(payload.client_ip),
      returnUrl: String(payload.return_url),
      notifyUrl: String(payload.notify_url),
      status: 1,
      createdAt: this.kit.now(),
    }
    this.store.addOrder(order)
    this.kit.count(merchant.mchid, 'unifiedorder')
    if (fault === 'drop') return dropConnection()
    return this.signedAnswer({
      channel: order.channel,
      out_trade_no: order.outTradeNo,
      client_ip: order.clientIp,
      // BuildCharge echoes `(string)$payload['amount']`: "100" for 100, "1.5" for 1.5.
      amount: String(payload.amount),
      currency: order.currency,
      subject: order.subject,
      body: order.body,
      extparam: order.extparam,
      credential: { mweb_url: `${base}/cashier/${order.token}` },
    })
  }

  async orderQuery(request: Request): Promise<Response> {
    const checked = await checkRequest(this.store, request)
    if (!checked.ok) return checked.response
    const { merchant, payload } = checked
    const fault = this.kit.fault(merchant.mchid, 'status')
    if (fault === 'http_500') return systemError()
    if (!filled(payload.out_trade_no)) return invalidParameters()
    const order = this.store.order(merchant.mchid, String(payload.out_trade_no))
    if (!order || order.channel !== payload.channel)
      return gopay88Error(400, 200000, 'Order does not exist.')
    this.kit.count(merchant.mchid, 'orderquery')
    if (fault === 'drop') return dropConnection()
    return this.signedAnswer({
      trade_no: order.tradeNo,
      out_trade_no: order.outTradeNo,
      subject: order.subject,
      body: order.body,
      extparam: phpJsonEncode(order.extparam),
      amount: threeDecimals(order.amount),
      channel: order.channel,
      currency: order.currency,
      client_ip: order.clientIp,
      status: String(order.status),
    })
  }
}
