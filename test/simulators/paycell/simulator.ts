/**
 * @module The Paycell simulator: the provision REST services
 * (`/tpay/provision/services/restful/getCardToken/<method>/`: provision, getThreeDSession,
 * getThreeDSessionResult, inquire, reverse, refund) and payment management
 * (`/paymentmanagement/rest/getCardTokenSecure`, `/paymentmanagement/rest/threeDSecure`) under one
 * base, with a bank page at `/bank/3d/<session>`. Paycell sends no notifications. Faults: `token`
 * (getCardTokenSecure), `create` (provision without 3-D Secure, getThreeDSession), `complete`
 * (getThreeDSessionResult, 3-D Secure provision), `capture` (POSTAUTH), `status` (inquire),
 * `cancel` and `refund` (reverse), `refund` (refund). `POST /__sim/day_end?merchant=` runs the
 * merchant's day-end reconciliation: its payments move to the previous day.
 */
import type { SimulatorFactory } from '../kit/types.ts'
import { type Body, json, openCall } from './http.ts'
import { inquire, refund, reverse } from './operations.ts'
import { bankPage, getCardTokenSecure, threeDSecure } from './pages.ts'
import { provision } from './provision.ts'
import { getThreeDSession, getThreeDSessionResult } from './sessions.ts'
import { PaycellStore } from './store.ts'

const PROVISION_PATH = /^\/tpay\/provision\/services\/restful\/getCardToken\/(\w+)\/?$/

const METHODS = { provision, getThreeDSession, getThreeDSessionResult, inquire, reverse, refund }

const readJson = async (request: Request): Promise<Body | undefined> => {
  try {
    const body = await request.json()
    return body && typeof body === 'object' ? (body as Body) : undefined
  } catch {
    return undefined
  }
}

export const paycellSimulator: SimulatorFactory = (kit) => {
  const store = new PaycellStore()
  return {
    id: 'paycell',
    async createMerchant() {
      const app = store.openApplication()
      return {
        merchant: app.applicationName,
        configs: {
          applicationName: app.applicationName,
          applicationPassword: app.applicationPwd,
          secureCode: app.secureCode,
          merchantCode: app.merchantCode,
          referencePrefix: app.referencePrefix,
        },
      }
    },
    async handle(request, { base, path }) {
      const bank = path.match(/^\/bank\/3d\/([\w-]+)$/)
      if (bank) return bankPage(store, request, bank[1]!)
      if (request.method !== 'POST') return json({ error: `no such path ${path}` }, 404)
      if (path === '/__sim/day_end') {
        store.dayEnd(new URL(request.url).searchParams.get('merchant') ?? '')
        return json({ done: true })
      }
      if (path === '/paymentmanagement/rest/threeDSecure') return threeDSecure(store, request, base)
      const body = await readJson(request)
      if (!body) return json({ error: 'JSON body expected' }, 400)
      if (path === '/paymentmanagement/rest/getCardTokenSecure') {
        return getCardTokenSecure(kit, store, body)
      }
      const method = path.match(PROVISION_PATH)?.[1]
      if (!method || !Object.hasOwn(METHODS, method))
        return json({ error: `no such path ${path}` }, 404)
      const call = openCall(kit, store, body)
      if (call instanceof Response) return call
      return METHODS[method as keyof typeof METHODS](kit, store, call)
    },
  }
}
