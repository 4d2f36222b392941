/**
 * @module The iyzico adapter: card payments with and without 3-D Secure, pre-authorization and
 * capture (post-auth), iyzico's hosted checkout form for payments without card data, status by
 * the gateway's payment id, same-day cancels, full and partial refunds (by payment, or item by item
 * where iyzico offers only the per-item refund), and signed webhooks that
 * prompt a status query. Every request is signed with IYZWSv2 and every answer's `signature` is
 * checked. Recurring charges are not offered: iyzico's subscription API is a separate product
 * (plans, subscribers) rather than a charge of a stored card.
 * API reference: https://docs.iyzico.com. Notes and sources: docs/providers/iyzico.md.
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { iyzicoConfigSchema } from './config'
import { cancel, capture } from './operations'
import { createPayment } from './payments'
import { refund } from './refunds'
import { completeReturn } from './returns'
import { paymentStatus } from './status'
import { iyzicoWebhooks } from './webhooks'

export const iyzicoProvider: PaymentProvider = {
  id: 'iyzico',
  displayName: 'iyzico',
  configSchema: iyzicoConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
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
  baseUrls: { test: 'https://sandbox-api.iyzipay.com', production: 'https://api.iyzipay.com' },

  createPayment,
  completeReturn,
  getStatus: paymentStatus,
  cancel,
  capture,
  refund,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
  webhooks: iyzicoWebhooks,
}
