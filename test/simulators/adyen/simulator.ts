/**
 * @module The Adyen simulator: the Checkout API v71 under `/adyen/v71` (`/payments`,
 * `/payments/details`, `/payments/{pspReference}/captures|cancels|refunds`,
 * `/storedPaymentMethods/{id}`), authenticated by `X-API-Key` per merchant account, idempotent
 * by `Idempotency-Key`; the shopper's redirect pages; signed standard webhooks to the merchant's
 * configured URL; and `POST /adyen/__sim/chargeback {merchant, pspReference}`.
 */
import type { Simulator, SimulatorFactory } from '../kit/types.ts'
import {
  invalidMerchantAccount,
  json,
  jsonBody,
  requestInProgress,
  serviceError,
  unauthorized,
  validation,
} from './http.ts'
import { chargeback, deleteStoredMethod, type ModificationKind, modify } from './modifications.ts'
import { redirectPage } from './pages.ts'
import { createPayment, paymentDetails } from './payments.ts'
import type { SimContext } from './results.ts'
import { AdyenStore, type Merchant, randomHex } from './store.ts'

const API_PREFIX = /^(?:\/checkout)?\/v71(\/.*)$/
const MODIFICATION = /^\/payments\/([^/]+)\/(captures|cancels|refunds)$/
const STORED_METHOD = /^\/storedPaymentMethods\/([^/]+)$/

async function api(
  sim: SimContext,
  request: Request,
  base: string,
  path: string
): Promise<Response> {
  const merchant = sim.store.merchantByApiKey(request.headers.get('X-API-Key'))
  if (!merchant) return unauthorized()
  // Counted per endpoint, with the pspReference or method id left out.
  sim.kit.count(
    merchant.id,
    `${request.method} ${path.replace(/^\/(payments|storedPaymentMethods)\/(?!details)[^/]+/, '/$1/{id}')}`
  )
  const idempotencyKey = request.headers.get('Idempotency-Key')
  const stored = STORED_METHOD.exec(path)
  if (request.method === 'DELETE' && stored) {
    return deleteStoredMethod(
      sim,
      merchant,
      decodeURIComponent(stored[1]!),
      new URL(request.url).searchParams
    )
  }
  if (request.method !== 'POST') return serviceError(405, '000', 'Method not allowed', 'validation')
  if (!idempotencyKey) return post(sim, merchant, request, base, path, null)
  if (!sim.store.begin(merchant, idempotencyKey)) return requestInProgress()
  try {
    return await post(sim, merchant, request, base, path, idempotencyKey)
  } finally {
    sim.store.end(merchant, idempotencyKey)
  }
}

async function post(
  sim: SimContext,
  merchant: Merchant,
  request: Request,
  base: string,
  path: string,
  idempotencyKey: string | null
): Promise<Response> {
  const body = await jsonBody(request)
  if (!body) return validation('702', 'Unexpected input: the body is not a JSON object')
  if (path === '/payments/details') return paymentDetails(sim, merchant, body, idempotencyKey)
  if (path === '/payments') {
    if (body.merchantAccount !== merchant.merchantAccount) return invalidMerchantAccount()
    return createPayment(sim, merchant, base, body, idempotencyKey)
  }
  const modification = MODIFICATION.exec(path)
  if (modification) {
    const [, psp, kind] = modification
    return modify(
      sim,
      merchant,
      kind as ModificationKind,
      decodeURIComponent(psp!),
      body,
      idempotencyKey
    )
  }
  return serviceError(404, '000', `No endpoint ${path}`, 'validation')
}

export const adyenSimulator: SimulatorFactory = (kit): Simulator => {
  const sim: SimContext = { kit, store: new AdyenStore() }
  return {
    id: 'adyen',

    async createMerchant({ notificationUrl }) {
      const id = `adyen_${randomHex(6).toLowerCase()}`
      const merchant = {
        id,
        merchantAccount: `SimShop${randomHex(4)}ECOM`,
        apiKey: `AQE${randomHex(24)}`,
        hmacKey: randomHex(32),
        clientKey: `test_${randomHex(16)}`,
        notificationUrl,
      }
      sim.store.merchants.set(id, merchant)
      return {
        merchant: id,
        configs: {
          apiKey: merchant.apiKey,
          merchantAccount: merchant.merchantAccount,
          hmacKey: merchant.hmacKey,
          clientKey: merchant.clientKey,
        },
      }
    },

    async handle(request, { base, path }) {
      if (path === '/__sim/chargeback' && request.method === 'POST') {
        return chargeback(sim, (await jsonBody(request)) ?? {})
      }
      const url = new URL(request.url)
      if (path === '/checkoutshopper/threeDS/redirect') {
        return redirectPage(sim, request, url.searchParams.get('MD') ?? '')
      }
      if (path === '/checkoutshopper/checkoutPaymentRedirect') {
        return redirectPage(sim, request, url.searchParams.get('redirectData') ?? '')
      }
      const apiPath = API_PREFIX.exec(path)?.[1]
      if (apiPath) return api(sim, request, base, apiPath)
      return json(
        { status: 404, errorCode: '000', message: 'Not found', errorType: 'validation' },
        404
      )
    },
  }
}
