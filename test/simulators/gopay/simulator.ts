/**
 * @module The GoPay (gopay.com REST API v3) simulator: OAuth2 tokens with scopes, payments and
 * their state machine, the hosted gateway page, refunds with history, preauthorization capture and
 * void, ON_DEMAND recurrences, stored cards, and GET notifications to each payment's
 * `notification_url`. Paths follow the documented base `…/api`; the page lives at `/gw/v3/…`.
 * Control (the merchant key is the GoID): `POST /gopay/__sim/revoke_tokens {merchant}` revokes an
 * e-shop's tokens early, as GoPay may; `slow_recurrences {merchant}` leaves its recurring charges
 * CREATED until `charge_recurrences {merchant}` charges them.
 */
import type { SimulatorFactory, SimulatorKit } from '../kit/types.ts'
import { authorize, issueToken } from './auth.ts'
import { createPayment } from './create.ts'
import {
  capture,
  chargeWaitingRecurrences,
  createRecurrence,
  type OperationContext,
  refund,
  refundHistory,
  voidAuthorization,
  voidRecurrence,
} from './operations.ts'
import { gatewayPage } from './pages.ts'
import { GoPayStore } from './store.ts'
import { gopayError, json, paymentView, systemError } from './wire.ts'

const ACTIONS: Record<string, (ctx: OperationContext) => Promise<Response> | Response> = {
  'POST refund': refund,
  'GET refunds': refundHistory,
  'POST capture': capture,
  'POST void-authorization': voidAuthorization,
  'POST create-recurrence': createRecurrence,
  'POST void-recurrence': voidRecurrence,
}

async function paymentRoute(
  kit: SimulatorKit,
  store: GoPayStore,
  request: Request,
  base: string,
  [id, action]: string[]
): Promise<Response> {
  const eshop = authorize(kit, store, request, 'payment-all')
  if (eshop instanceof Response) return eshop
  const payment = store.payments.get(Number(id))
  if (!payment || payment.goId !== eshop.goId) {
    return gopayError(kit.now(), 404, { code: 304, message: 'Payment not found' })
  }
  if (action === undefined && request.method === 'GET') {
    if (kit.fault(eshop.goId, 'status') === 'http_500') return systemError(kit.now())
    return json(paymentView(base, payment))
  }
  const handler = ACTIONS[`${request.method} ${action}`]
  if (!handler) return gopayError(kit.now(), 404, { code: 116, message: 'No such service' })
  return handler({ kit, store, payment, request, base })
}

function cardRoute(kit: SimulatorKit, store: GoPayStore, request: Request, cardId: string) {
  const eshop = authorize(kit, store, request, 'payment-all')
  if (eshop instanceof Response) return eshop
  const card = store.cards.get(Number(cardId))
  if (!card || card.goId !== eshop.goId) {
    return gopayError(kit.now(), 404, { code: 800, message: 'Card not found' })
  }
  if (request.method === 'DELETE') {
    card.status = 'DELETED'
    return new Response(null, { status: 204 })
  }
  return json(
    card.status === 'ACTIVE'
      ? {
          card_id: card.id,
          card_number: '444444******4448',
          card_token: `tok${card.id}`,
          status: 'ACTIVE',
        }
      : { card_id: card.id, status: 'DELETED' }
  )
}

export const gopaySimulator: SimulatorFactory = (kit) => {
  const store = new GoPayStore()
  const control = async (path: string, request: Request) => {
    const { merchant = '' } = (await request.json().catch(() => ({}))) as { merchant?: string }
    switch (path) {
      case '/__sim/revoke_tokens':
        return json({ revoked: store.revokeTokens(merchant) })
      case '/__sim/slow_recurrences':
        store.slowRecurrences.add(merchant)
        return json({ slow: true })
      case '/__sim/charge_recurrences':
        return json({ charged: await chargeWaitingRecurrences(kit, store, merchant) })
      default:
        return json({ error: `no control ${path}` }, 404)
    }
  }
  return {
    id: 'gopay',
    async createMerchant({ notificationUrl }) {
      const eshop = store.openEshop(notificationUrl)
      return {
        merchant: eshop.goId,
        configs: { goId: eshop.goId, clientId: eshop.clientId, clientSecret: eshop.clientSecret },
      }
    },
    async handle(request, { base, path }) {
      const segments = path.split('/').filter(Boolean)
      const [root, area, kind, ...rest] = segments
      if (root === '__sim' && request.method === 'POST') return control(path, request)
      if (root === 'gw' && area === 'v3' && kind) return gatewayPage(kit, store, request, kind)
      if (root !== 'api') return json({ error: `no such path ${path}` }, 404)
      if (path === '/api/oauth2/token' && request.method === 'POST') {
        return issueToken(kit, store, request)
      }
      if (area === 'payments' && kind === 'payment') {
        if (rest.length === 0 && request.method === 'POST') {
          const eshop = authorize(kit, store, request, 'payment-create')
          return eshop instanceof Response ? eshop : createPayment(kit, store, eshop, request, base)
        }
        if (rest.length >= 1 && rest.length <= 2 && /^\d+$/.test(rest[0]!)) {
          return paymentRoute(kit, store, request, base, rest)
        }
      }
      if (area === 'payments' && kind === 'cards' && rest.length === 1) {
        return cardRoute(kit, store, request, rest[0]!)
      }
      return gopayError(kit.now(), 404, { code: 116, message: 'No such service' })
    },
  }
}
