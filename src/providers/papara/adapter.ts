/**
 * @module The Papara adapter (Papara merchant API, wallet checkout): the shopper pays on Papara's
 * page with the Papara wallet; payments are asked about by Papara's id or by our reference,
 * refunded in full, and announced by IPN notifications recognised by the merchant secret key and
 * settled by a status query.
 * Docs and SDKs: https://github.com/paparateam/merchantApiClient-node,
 * https://github.com/paparateam/merchantApiClient-php; https://merchant-api.papara.com.
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { paparaConfigSchema } from './config'
import { cancel } from './lapse'
import { completeReturn, createPayment, getStatus } from './payments'
import { refund } from './refunds'
import { paparaWebhooks } from './webhooks'

export const paparaProvider: PaymentProvider = {
  id: 'papara',
  displayName: 'Papara (merchant API, wallet checkout)',
  configSchema: paparaConfigSchema,
  capabilities: {
    // The checkout API takes no card data: cards stored in the wallet are used on Papara's page.
    card: false,
    threeDS: false,
    hosted: true,
    // A payment is completed by the shopper on Papara's page; the API has no authorization hold,
    // no capture and no cancel or void (the SDKs' payment service: create, get, refund, list).
    // `cancel` only confirms that an unpaid payment lapsed (lapse.ts), so it is not offered.
    capture: false,
    partialCapture: false,
    cancel: false,
    refund: true,
    // `PUT /payments?id=` takes no amount: it refunds the whole payment.
    partialRefund: false,
    // No stored payment methods or merchant-initiated charges in the checkout API.
    recurring: false,
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: {
    // The node SDK's (2023, the newest official source) test host; see docs/providers/papara.md.
    test: 'https://merchant-api.test.papara.com',
    production: 'https://merchant-api.papara.com',
  },
  createPayment,
  completeReturn,
  getStatus,
  // Not a void: an unpaid payment lapses after Papara's hour (lapse.ts).
  cancel,
  refund,
  capture: notSupported,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
  webhooks: paparaWebhooks,
}
