/**
 * @module The iyzico simulator: the API the gateway uses, every request checked for a valid
 * IYZWSv2 signature over its exact bytes, answered in iyzico's shapes with signed answers; the
 * bank's 3-D Secure page and the checkout form; signed webhooks to the URL given to
 * `createMerchant` (the merchant panel's notification URL). Sandbox cards: `cards.ts`.
 * Faults: `create` (auth, preauth, 3-D Secure and checkout form initialize), `complete`
 * (3-D Secure auth, checkout form result), `status` (retrieve, reporting), `capture`, `cancel`,
 * `refund` (either refund endpoint).
 * Control: `POST /iyzico/__sim/legacy_refunds {merchant}` makes this merchant's iyzico one without
 * `/v2/payment/refund` (answered 404 by the router, as an unknown path), so only the per-item
 * `/payment/refund` of the docs' refund page is left.
 */
import {
  dropConnection,
  type Operation,
  type Simulator,
  type SimulatorFactory,
} from '../kit/types.ts'
import { authenticate, claimedApiKey } from './auth.ts'
import { checkoutPage, initializeCheckoutForm, retrieveCheckoutForm } from './checkout.ts'
import type { Sim } from './notifications.ts'
import { bankPage } from './pages.ts'
import { completeThreeDS, initializeThreeDS, payByCard, postAuth, retrieve } from './payments.ts'
import { cancelPayment, refundByPayment, refundItem, reportPayments } from './refunds.ts'
import { IyzicoStore, type Merchant } from './store.ts'
import { type Context, invalidRequest, json, success, systemError } from './wire.ts'

type Body = Record<string, unknown>
type Run = (
  sim: Sim,
  merchant: Merchant,
  ctx: Context,
  body: Body,
  query: URLSearchParams
) => Response | Promise<Response>

interface Route {
  method: 'GET' | 'POST'
  operation?: Operation
  run: Run
}

const REFUND_BY_PAYMENT = '/v2/payment/refund'

const ROUTES: Record<string, Route> = {
  '/payment/auth': {
    method: 'POST',
    operation: 'create',
    run: (s, m, c, b) => payByCard(s, m, c, b, false),
  },
  '/payment/preauth': {
    method: 'POST',
    operation: 'create',
    run: (s, m, c, b) => payByCard(s, m, c, b, true),
  },
  '/payment/3dsecure/initialize': {
    method: 'POST',
    operation: 'create',
    run: (s, m, c, b) => initializeThreeDS(s, m, c, b, false),
  },
  '/payment/3dsecure/initialize/preauth': {
    method: 'POST',
    operation: 'create',
    run: (s, m, c, b) => initializeThreeDS(s, m, c, b, true),
  },
  '/payment/3dsecure/auth': { method: 'POST', operation: 'complete', run: completeThreeDS },
  '/payment/iyzipos/checkoutform/initialize/auth/ecom': {
    method: 'POST',
    operation: 'create',
    run: (s, m, c, b) => initializeCheckoutForm(s, m, c, b, false),
  },
  '/payment/iyzipos/checkoutform/initialize/preauth/ecom': {
    method: 'POST',
    operation: 'create',
    run: (s, m, c, b) => initializeCheckoutForm(s, m, c, b, true),
  },
  '/payment/iyzipos/checkoutform/auth/ecom/detail': {
    method: 'POST',
    operation: 'complete',
    run: retrieveCheckoutForm,
  },
  '/payment/detail': { method: 'POST', operation: 'status', run: retrieve },
  '/payment/postauth': { method: 'POST', operation: 'capture', run: postAuth },
  '/payment/cancel': { method: 'POST', operation: 'cancel', run: cancelPayment },
  '/payment/refund': { method: 'POST', operation: 'refund', run: refundItem },
  [REFUND_BY_PAYMENT]: { method: 'POST', operation: 'refund', run: refundByPayment },
  '/v2/reporting/payment/details': {
    method: 'GET',
    operation: 'status',
    run: (s, m, c, _b, q) => reportPayments(s, m, c, q),
  },
  '/payment/test': { method: 'GET', run: (_s, _m, c) => success(c, {}) },
}

const notFound = (path: string) =>
  json({ timestamp: new Date().toISOString(), status: 404, error: 'Not Found', path }, 404)

function readBody(rawBody: string): Body | undefined {
  try {
    const parsed: unknown = JSON.parse(rawBody)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Body)
      : undefined
  } catch {
    return undefined
  }
}

/** True when the merchant the request names has no `/v2/payment/refund`. */
function withoutRefundV2(sim: Sim, request: Request, path: string) {
  if (path !== REFUND_BY_PAYMENT) return false
  const merchant = sim.store.merchantByApiKey(claimedApiKey(request) ?? '')
  if (!merchant || !sim.store.legacyRefunds.has(merchant.merchantId)) return false
  sim.kit.count(merchant.merchantId, `404 ${path}`)
  return true
}

async function api(sim: Sim, request: Request, path: string): Promise<Response> {
  const route = ROUTES[path]
  // A path the server lacks is answered by its router, before any authentication.
  if (!route || route.method !== request.method || withoutRefundV2(sim, request, path))
    return notFound(path)
  const query = new URL(request.url).searchParams
  const rawBody = request.method === 'POST' ? await request.text() : ''
  const body = request.method === 'POST' ? readBody(rawBody) : {}
  const source = body ?? {}
  const ctx: Context = {
    locale: String((request.method === 'GET' ? query.get('locale') : source.locale) ?? 'tr'),
    conversationId:
      (request.method === 'GET'
        ? query.get('conversationId')
        : (source.conversationId as string)) ?? undefined,
    now: sim.kit.now(),
  }
  const merchant = authenticate(sim.store, request, path, rawBody, ctx)
  if (merchant instanceof Response) return merchant
  const isJson = request.headers.get('Content-Type')?.includes('application/json')
  if (request.method === 'POST' && (!body || !isJson)) return invalidRequest(ctx)
  const fault = route.operation ? sim.kit.fault(merchant.merchantId, route.operation) : undefined
  if (fault === 'http_500') return systemError(ctx)
  sim.kit.count(merchant.merchantId, `${request.method} ${path}`)
  const answer = await route.run(sim, merchant, ctx, source, query)
  return fault === 'drop' ? dropConnection() : answer
}

async function legacyRefunds(store: IyzicoStore, request: Request) {
  const { merchant = '' } = (await request.json().catch(() => ({}))) as { merchant?: string }
  if (!store.merchants.has(merchant)) return json({ error: `no merchant ${merchant}` }, 404)
  store.legacyRefunds.add(merchant)
  return json({ merchant, refundV2: false })
}

export const iyzicoSimulator: SimulatorFactory = (kit): Simulator => {
  const store = new IyzicoStore()
  return {
    id: 'iyzico',
    async createMerchant({ notificationUrl }) {
      const merchant = store.openMerchant(notificationUrl)
      return {
        merchant: merchant.merchantId,
        configs: { apiKey: merchant.apiKey, secretKey: merchant.secretKey },
      }
    },
    async handle(request, { base, path }) {
      const sim: Sim = { kit, store, base }
      if (path === '/__sim/legacy_refunds' && request.method === 'POST')
        return legacyRefunds(store, request)
      if (path === '/cpp')
        return checkoutPage(sim, request, new URL(request.url).searchParams.get('token') ?? '')
      const session = /^\/bank\/3ds\/([0-9a-f]{32})$/.exec(path)?.[1]
      if (session) return bankPage(sim, request, session)
      return api(sim, request, path)
    },
  }
}
