/**
 * @module The GoPay adapter (gopay.com / gopay.cz REST API v3): a hosted payment gateway reached
 * with OAuth2 client-credentials tokens. Payments go through GoPay's page (`gw_url`), which also
 * runs 3-D Secure; preauthorizations are captured in full or in part and voided; paid payments are
 * refunded in full or in part; ON_DEMAND recurrences are charged without the shopper.
 * Docs: https://doc.gopay.com, in Czech.
 */
import type { PaymentProvider } from '../types'
import { gopayConfigSchema } from './config'
import { cancel, capture, stopRecurring } from './operations'
import { chargeRecurring, completeReturn, createPayment, getStatus } from './payments'
import { refund } from './refunds'
import { gopayWebhooks } from './webhooks'

export const gopayProvider: PaymentProvider = {
  id: 'gopay',
  displayName: 'GoPay (gopay.com, REST API v3)',
  configSchema: gopayConfigSchema,
  capabilities: {
    card: false,
    // 3-D Secure runs inside GoPay's page, not through the gateway.
    threeDS: false,
    hosted: true,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    partialRefund: true,
    recurring: true,
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: {
    test: 'https://gw.sandbox.gopay.com/api',
    production: 'https://gate.gopay.cz/api',
  },
  createPayment,
  completeReturn,
  getStatus,
  cancel,
  refund,
  capture,
  chargeRecurring,
  stopRecurring,
  webhooks: gopayWebhooks,
}
