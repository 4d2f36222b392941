/**
 * @module The PayU (GPO Europe, REST API v2.1) simulator: OAuth client-credentials tokens, orders
 * and their statuses, the hosted payment page, captures of held orders (whole or part), cancels,
 * idempotent refunds, and signed notifications to each order's `notifyUrl`. Paths follow the base
 * `https://secure.snd.payu.com`: `/pl/standard/user/oauth/authorize` and `/api/v2_1/…`; the page
 * lives at `/pay/`. A new POS holds paid orders for capture (auto-receive off).
 * Control (the merchant key is the POS id): `POST /payu/__sim/auto_receive {merchant, enabled}`,
 * `partial_capture {merchant, enabled}`, `signature_algorithm {merchant, algorithm: "MD5" |
 * "SHA-256" | "SHA256" | "SHA"}`, `revoke_tokens {merchant}` (PayU refusing tokens it issued),
 * `refund_in_panel {merchant, extOrderId}` (the merchant refunds the rest in PayU's panel).
 */
import type { SimulatorFactory, SimulatorKit } from '../kit/types.ts'
import { authorize, issueToken } from './auth.ts'
import {
  cancelOrder,
  captureOrder,
  createOrder,
  type OrderContext,
  retrieveOrder,
  updateStatus,
} from './orders.ts'
import { paymentPage } from './pages.ts'
import { createRefund, listRefunds, refundInPanel, retrieveRefund } from './refunds.ts'
import { PayuStore, SIGNATURE_ALGORITHMS } from './store.ts'
import { json, notFound } from './wire.ts'

const API = '/api/v2_1/orders'

async function orderRoute(
  kit: SimulatorKit,
  store: PayuStore,
  request: Request,
  [orderId = '', action, refundId]: string[]
): Promise<Response> {
  const pos = authorize(kit, store, request)
  if (pos instanceof Response) return pos
  const order = store.orders.get(decodeURIComponent(orderId))
  if (!order || order.posId !== pos.posId) return notFound()
  const ctx: OrderContext = { kit, pos, order, request }
  const route = `${request.method} ${action ?? ''}${refundId ? '/id' : ''}`
  switch (route) {
    case 'GET ':
      return retrieveOrder(ctx)
    case 'DELETE ':
      return cancelOrder(ctx)
    case 'PUT status':
      return updateStatus(ctx)
    case 'POST captures':
      return captureOrder(ctx)
    case 'POST refunds':
      return createRefund(ctx, store)
    case 'GET refunds':
      return listRefunds(ctx)
    case 'GET refunds/id':
      return retrieveRefund(ctx, refundId!)
    default:
      return notFound()
  }
}

async function control(kit: SimulatorKit, store: PayuStore, path: string, request: Request) {
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>
  const pos = store.poses.get(String(body.merchant ?? ''))
  if (!pos) return json({ error: 'no such merchant' }, 404)
  switch (path) {
    case '/__sim/auto_receive':
      pos.autoReceive = body.enabled === true
      return json({ autoReceive: pos.autoReceive })
    case '/__sim/partial_capture':
      pos.partialCapture = body.enabled === true
      return json({ partialCapture: pos.partialCapture })
    case '/__sim/signature_algorithm':
      pos.signatureAlgorithm = SIGNATURE_ALGORITHMS.find((name) => name === body.algorithm) ?? 'MD5'
      return json({ signatureAlgorithm: pos.signatureAlgorithm })
    case '/__sim/revoke_tokens':
      return json({ revoked: store.revokeTokens(pos.posId) })
    case '/__sim/refund_in_panel': {
      const order = store.orderByExtId(pos.posId, String(body.extOrderId ?? ''))
      return order ? refundInPanel(kit, store, pos, order) : notFound()
    }
    default:
      return json({ error: `no control ${path}` }, 404)
  }
}

export const payuSimulator: SimulatorFactory = (kit) => {
  const store = new PayuStore()
  return {
    id: 'payu',
    async createMerchant() {
      const pos = store.openPos()
      return {
        merchant: pos.posId,
        configs: { posId: pos.posId, clientSecret: pos.clientSecret, secondKey: pos.secondKey },
      }
    },
    async handle(request, { base, path }) {
      if (path.startsWith('/__sim/') && request.method === 'POST')
        return control(kit, store, path, request)
      if (path === '/pay/' || path === '/pay') return paymentPage(kit, store, request)
      if (path === '/pl/standard/user/oauth/authorize' && request.method === 'POST') {
        return issueToken(kit, store, request)
      }
      if (path === API && request.method === 'POST') {
        const pos = authorize(kit, store, request)
        return pos instanceof Response ? pos : createOrder(kit, store, pos, request, base)
      }
      if (path.startsWith(`${API}/`)) {
        const segments = path.slice(API.length + 1).split('/')
        if (segments.length <= 3) return orderRoute(kit, store, request, segments)
      }
      return notFound()
    },
  }
}
