/**
 * @module The GoPay88 (GoPay黄金支付) simulator: the x-ca RSA API of GoPay88's document
 * as its reference server iredcap/cmpay implements it.
 * Routes: `POST /pay/unifiedorder`, `POST /pay/orderquery`, the cashier page `/cashier/<token>`,
 * and the trigger `POST /__sim/close {merchant, out_trade_no}` that closes a waiting order
 * (status 0), as GoPay88 does with orders left unpaid. Anything else is cmpay's MissException.
 */
import type { Simulator, SimulatorFactory } from '../kit/types.ts'
import { Gopay88Api } from './api.ts'
import { cashier } from './cashier.ts'
import { gopay88Error } from './gateway-checks.ts'
import { Gopay88Notifier } from './notifications.ts'
import { Gopay88Store } from './store.ts'

const notFound = () => gopay88Error(404, 100000, 'Global: Your Required Resource Are Not Found')

async function closeOrder(store: Gopay88Store, request: Request): Promise<Response> {
  const body = (await request.json().catch(() => ({}))) as {
    merchant?: string
    out_trade_no?: string
  }
  const order = store.order(body.merchant ?? '', body.out_trade_no ?? '')
  if (!order) return Response.json({ error: 'no such order' }, { status: 404 })
  if (order.status === 1) order.status = 0
  return Response.json({ status: order.status })
}

export const gopay88Simulator: SimulatorFactory = (kit): Simulator => {
  const store = new Gopay88Store(() => kit.now())
  const api = new Gopay88Api(kit, store)
  const notifier = new Gopay88Notifier(kit, store)
  return {
    id: 'gopay88',
    async createMerchant() {
      const { merchant, privateKeyPem } = store.openMerchant()
      return {
        merchant: merchant.mchid,
        configs: {
          mchId: merchant.mchid,
          apiKey: merchant.apiKey,
          merchantPrivateKey: privateKeyPem.trim(),
          platformPublicKey: store.platformKeys().publicKeyPem.trim(),
        },
      }
    },
    async handle(request, { base, path }) {
      const post = request.method === 'POST'
      if (post && path === '/pay/unifiedorder') return api.unifiedOrder(request, base)
      if (post && path === '/pay/orderquery') return api.orderQuery(request)
      if (post && path === '/__sim/close') return closeOrder(store, request)
      const page = /^\/cashier\/([0-9a-f]{32})$/.exec(path)
      if (page) return cashier(store, notifier, request, page[1]!)
      return notFound()
    },
  }
}
