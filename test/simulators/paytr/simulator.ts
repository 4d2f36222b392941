/**
 * @module The PayTR simulator: the one host `www.paytr.com` with the iFrame API token
 * (`/odeme/api/get-token`) and payment page (`/odeme/guvenli/<token>`), the Direct API (`/odeme`)
 * with a simulated bank 3-D Secure page (`/bank/3d/<session>`), the status query
 * (`/odeme/durum-sorgu`), refunds (`/odeme/iade`) and card storage (`/odeme/capi/list`,
 * `/odeme/capi/delete`, stored-card charges on `/odeme`). Every `paytr_token` is recomputed and
 * compared byte for byte. Notifications go to the store's notification URL, which PayTR takes
 * from its merchant panel: `createMerchant` remembers it. Faults: `create` (get-token, /odeme),
 * `status`, `refund`, `recurring` (stored-card charge), `stop_recurring` (card delete).
 */
import type { SimulatorFactory } from '../kit/types.ts'
import { deleteCard, listCards } from './capi.ts'
import { directPayment } from './direct-api.ts'
import { json, readForm } from './http.ts'
import { getIframeToken } from './iframe-api.ts'
import { bankPage, iframePage } from './pages.ts'
import { refund, statusQuery } from './queries.ts'
import { PaytrStore } from './store.ts'

export const paytrSimulator: SimulatorFactory = (kit) => {
  const store = new PaytrStore()
  return {
    id: 'paytr',
    async createMerchant({ notificationUrl }) {
      const merchant = store.openMerchant(notificationUrl)
      return {
        merchant: merchant.id,
        configs: {
          merchantId: merchant.id,
          merchantKey: merchant.key,
          merchantSalt: merchant.salt,
        },
      }
    },
    async handle(request, { base, path }) {
      const [root, area, id] = path.split('/').filter(Boolean)
      if (root === 'odeme' && area === 'guvenli' && id) return iframePage(kit, store, request, id)
      if (root === 'bank' && area === '3d' && id) return bankPage(kit, store, request, id)
      if (request.method !== 'POST') return json({ error: `no such path ${path}` }, 404)
      switch (path) {
        case '/odeme/api/get-token':
          return getIframeToken(kit, store, await readForm(request))
        case '/odeme':
          return directPayment(kit, store, await readForm(request), base)
        case '/odeme/durum-sorgu':
          return statusQuery(kit, store, await readForm(request))
        case '/odeme/iade':
          return refund(kit, store, await readForm(request))
        case '/odeme/capi/list':
          return listCards(store, await readForm(request))
        case '/odeme/capi/delete':
          return deleteCard(kit, store, await readForm(request))
        default:
          return json({ error: `no such path ${path}` }, 404)
      }
    },
  }
}
