/**
 * @module The Nkolay (Paynkolay) simulator: the Vpos API host with Payment (`/Vpos/v1/Payment`),
 * CompletePayment (both documented paths), PaymentList, CancelRefundPayment, PartialRefundPayment
 * and the pre-authorization approve and cancel, plus a simulated bank 3-D Secure page
 * (`/bank/3d/<session>`). Every `hashDatav2` is recomputed and compared; results are signed with
 * `hashDataV2`. Faults: `create` (Payment), `complete`, `status` (PaymentList), `refund`
 * (refunds, and a same-day void), `cancel` (voids, pre-authorization cancel), `capture`.
 */
import type { SimulatorFactory } from '../kit/types.ts'
import { bankPage } from './bank.ts'
import { paymentList } from './list.ts'
import { completePayment, payment } from './payment.ts'
import { cancelRefund, partialRefund, preAuthApprove, preAuthCancel } from './returns.ts'
import { NkolayStore } from './store.ts'
import { json, readForm } from './wire.ts'

export const nkolaySimulator: SimulatorFactory = (kit) => {
  const store = new NkolayStore()
  return {
    id: 'nkolay',
    async createMerchant({ notificationUrl }) {
      const merchant = store.openMerchant(notificationUrl)
      return {
        merchant: merchant.merchantNo,
        configs: {
          sx: merchant.sx,
          sxList: merchant.sxList,
          sxCancel: merchant.sxCancel,
          secretKey: merchant.secret,
        },
      }
    },
    async handle(request, { base, path }) {
      const session = /^\/bank\/3d\/([0-9a-f]+)$/.exec(path)?.[1]
      if (session) return bankPage(kit, store, request, session)
      if (request.method !== 'POST') return json({ error: `no such path ${path}` }, 404)
      switch (path) {
        case '/Vpos/v1/Payment':
          return payment(kit, store, await readForm(request), base)
        case '/Vpos/v1/CompletePayment':
        case '/Vpos/Payment/CompletePayment':
          return completePayment(kit, store, await readForm(request))
        case '/Vpos/Payment/PaymentList':
          return paymentList(kit, store, await readForm(request))
        case '/Vpos/v1/CancelRefundPayment':
          return cancelRefund(kit, store, await readForm(request))
        case '/Vpos/Payment/PartialRefundPayment':
          return partialRefund(kit, store, await readForm(request))
        case '/Vpos/Payment/PreAuthorizationAprove':
          return preAuthApprove(kit, store, await readForm(request))
        case '/Vpos/Payment/PreAuthorizationCancel':
          return preAuthCancel(kit, store, await readForm(request))
        default:
          return json({ error: `no such path ${path}` }, 404)
      }
    },
  }
}
