/**
 * @module The Nkolay adapter (Paynkolay, Aktif Bank, Turkey): card payments through the Vpos API,
 * non-3-D or with the bank's 3-D Secure page, sales (SALES) or pre-authorizations (PRESALES)
 * captured in full or in part, status through PaymentList, same-day voids and partial refunds,
 * later refunds. No recurring charges and no hosted page (see the capabilities).
 * Spec: https://github.com/paynkolay/paynkolay-api-spec (openapi.yaml). Docs: https://paynkolay.com.tr/entegrasyon
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { nkolayConfigSchema } from './config'
import { cancel, capture, refund } from './operations'
import { completeReturn, createPayment } from './payments'
import { getStatus } from './status'
import { nkolayWebhooks } from './webhooks'

export const nkolayProvider: PaymentProvider = {
  id: 'nkolay',
  displayName: 'Nkolay',
  configSchema: nkolayConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
    // The shared payment page (by-link-create) is not wired: its result is a different post.
    hosted: false,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    partialRefund: true,
    // RecurringPaymentCreate is an instruction Paynkolay runs on its own schedule, not a charge
    // the merchant triggers; whether a stored card (csTranId/csToken) may be charged without 3-D
    // Secure and the shopper is not documented.
    recurring: false,
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: {
    test: 'https://paynkolaytest.nkolayislem.com.tr',
    production: 'https://paynkolay.nkolayislem.com.tr',
  },
  createPayment,
  completeReturn,
  getStatus,
  cancel,
  refund,
  capture,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
  webhooks: nkolayWebhooks,
}
