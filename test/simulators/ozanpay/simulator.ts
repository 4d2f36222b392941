/**
 * @module The OzanPay simulator: the hosted checkout (`/pw/v3/initializePayment` and the page at
 * `/pay/<token>`) and the status query (`/api/v3/status`), below the base
 * `https://checkout-api-sandbox.ozan.com`. A paid or failed page posts the return fields to the
 * gateway through the browser, and, unsigned, to the merchant's notification URL (OzanPay's
 * server-to-server copy). Faults: `create`, `status`. Counters: `create`, `status`.
 */
import type { SimulatorFactory } from '../kit/types.ts'
import { initializePayment, paymentPage, paymentStatus } from './checkout.ts'
import { OzanStore } from './store.ts'

export const ozanpaySimulator: SimulatorFactory = (kit) => {
  const store = new OzanStore()
  return {
    id: 'ozanpay',
    async createMerchant({ notificationUrl }) {
      const merchant = store.openMerchant(notificationUrl)
      return { merchant: merchant.apiKey, configs: { apiKey: merchant.apiKey } }
    },
    async handle(request, { base, path }) {
      if (path === '/pw/v3/initializePayment' && request.method === 'POST')
        return initializePayment(kit, store, request, base)
      if (path === '/api/v3/status' && request.method === 'POST')
        return paymentStatus(kit, store, request)
      const token = path.match(/^\/pay\/([0-9a-f]+)$/)?.[1]
      if (token) return paymentPage(kit, store, request, token)
      return new Response(JSON.stringify({ message: 'Not found' }), { status: 404 })
    },
  }
}
