/**
 * @module The OzanPay adapter, experimental: OzanPay publishes no current API reference, so this
 * speaks what two independent integrations of its hosted checkout agree on (docs/providers/
 * ozanpay.md lists the sources and every unverified fact). The shopper pays on OzanPay's page
 * (`/pw/v3/initializePayment` → `purchaseUrl`); returns and server-to-server posts are unsigned,
 * so outcomes come from the status query only.
 * Sources: https://github.com/ozanlimited/ozanpay-php-sdk (official, 2018, older wallet API).
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { ozanpayConfigSchema } from './config'
import { completeReturn, createPayment, getStatus } from './payments'
import { ozanpayWebhooks } from './webhooks'

export const ozanpayProvider: PaymentProvider = {
  id: 'ozanpay',
  displayName: 'OzanPay (hosted checkout, experimental)',
  experimental: true,
  configSchema: ozanpayConfigSchema,
  capabilities: {
    // Card data is typed on OzanPay's page; the direct card API is known only from a third party.
    card: false,
    // 3-D Secure runs inside OzanPay's page, not through the gateway.
    threeDS: false,
    hosted: true,
    // No source shows a pre-authorization flag for the hosted checkout.
    capture: false,
    partialCapture: false,
    // Cancel and refund exist only in third-party code for other hosts, with no refund reference:
    // a refund sent again after a lost answer could pay out twice, and nothing lists refunds.
    cancel: false,
    refund: false,
    partialRefund: false,
    recurring: false,
    // The unsigned server-to-server return, taken as "ask the status API".
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: {
    test: 'https://checkout-api-sandbox.ozan.com',
    production: 'https://checkout-api.ozan.com',
  },
  createPayment,
  completeReturn,
  getStatus,
  cancel: notSupported,
  refund: notSupported,
  capture: notSupported,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
  webhooks: ozanpayWebhooks,
}
