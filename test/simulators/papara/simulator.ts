/**
 * @module The Papara merchant API simulator (wallet checkout): payments created with the `ApiKey`
 * header, the checkout page at each payment's `paymentUrl`, status by id or by reference, full
 * refunds, and IPN notifications carrying the merchant secret key. Paths follow the base
 * `https://merchant-api.papara.com`; the page lives at `/checkout/<id>`.
 */
import type { SimulatorFactory } from '../kit/types.ts'
import { type ApiContext, createPayment, getPayment, refundPayment } from './api.ts'
import { checkoutPage } from './pages.ts'
import { PaparaStore } from './store.ts'
import { json, unauthorized } from './wire.ts'

export const paparaSimulator: SimulatorFactory = (kit) => {
  const store = new PaparaStore()
  return {
    id: 'papara',
    async createMerchant() {
      const merchant = store.openMerchant()
      return {
        merchant: merchant.merchantId,
        configs: { apiKey: merchant.apiKey, merchantSecretKey: merchant.secretKey },
      }
    },
    async handle(request, { base, path }) {
      const checkout = path.match(/^\/checkout\/([0-9a-f-]{36})$/)
      if (checkout) return checkoutPage(kit, store, request, { base, id: checkout[1]! })
      if (path !== '/payments' && path !== '/payments/reference') {
        return json({ error: 'not found' }, 404)
      }
      const merchant = store.merchantByApiKey(request.headers.get('ApiKey'))
      if (!merchant) return unauthorized()
      const ctx: ApiContext = { kit, store, merchant, base }
      const query = new URL(request.url).searchParams
      const route = `${request.method} ${path}`
      switch (route) {
        case 'POST /payments':
          return createPayment(ctx, request)
        case 'GET /payments':
          return getPayment(ctx, query, false)
        case 'GET /payments/reference':
          return getPayment(ctx, query, true)
        case 'PUT /payments':
          return refundPayment(ctx, query)
        default:
          return json({ error: 'method not allowed' }, 405)
      }
    },
  }
}
