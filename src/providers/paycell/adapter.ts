/**
 * @module The Paycell adapter (Turkcell's Paycell provision REST API, Turkey): card payments by
 * `cardToken`, with or without 3-D Secure, authorize-only (PREAUTH) with full or partial capture
 * (POSTAUTH), the status by our own reference (`inquire`), same-day voids (`reverse`) and refunds.
 * Docs: https://paycell.com.tr/paycell-api; samples: github.com/paycelldev.
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { PROVISION_BASE_URLS } from './client'
import { paycellConfigSchema } from './config'
import { cancel, capture, refund } from './operations'
import { createPayment } from './payments'
import { completeReturn, getStatus } from './returns'

export const paycellProvider: PaymentProvider = {
  id: 'paycell',
  displayName: 'Paycell',
  configSchema: paycellConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
    // The provision API has no payment page of Paycell's: the card is always tokenized first.
    hosted: false,
    capture: true,
    partialCapture: true,
    cancel: true,
    refund: true,
    // From the day after the payment; on its own day Paycell can only reverse all of it, and a
    // part refund answers `not_supported` (see operations.ts).
    partialRefund: true,
    // Stored cards belong to the shopper's Paycell wallet (msisdn, accepted terms `eulaID`):
    // there is no merchant-held token to charge without the shopper.
    recurring: false,
    // Paycell sends no notifications; the status comes from `inquire`.
    webhooks: false,
    environments: ['test', 'production'],
  },
  baseUrls: PROVISION_BASE_URLS,
  createPayment,
  completeReturn,
  getStatus,
  cancel,
  refund,
  capture,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
}
