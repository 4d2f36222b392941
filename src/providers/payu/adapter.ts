/**
 * @module The PayU adapter (PayU GPO Europe, REST API v2.1): a hosted payment page reached with
 * OAuth client-credentials tokens. Orders go through PayU's page (cards, BLIK, bank transfers,
 * 3-D Secure all happen there); authorizations held by a POS without auto-receive are captured in
 * full or in part and cancelled; completed orders are refunded in full or in part; signed
 * notifications settle orders and refunds.
 * Docs: https://developers.payu.com/europe/docs/, https://developers.payu.com/europe/api;
 * SDK: https://github.com/PayU-EMEA/openpayu_php.
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { payuConfigSchema } from './config'
import { cancel, capture, refund } from './operations'
import { completeReturn, createPayment, getStatus } from './payments'
import { payuWebhooks } from './webhooks'

export const payuProvider: PaymentProvider = {
  id: 'payu',
  displayName: 'PayU (GPO Europe, REST API v2.1)',
  configSchema: payuConfigSchema,
  capabilities: {
    // Card data is typed on PayU's page; the card-token flow (payMethods CARD_TOKEN) is not used.
    card: false,
    // 3-D Secure runs inside PayU's page, not through the gateway.
    threeDS: false,
    hosted: true,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    partialRefund: true,
    recurring: false,
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: {
    test: 'https://secure.snd.payu.com',
    production: 'https://secure.payu.com',
  },
  createPayment,
  completeReturn,
  getStatus,
  cancel,
  refund,
  capture,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
  webhooks: payuWebhooks,
}
