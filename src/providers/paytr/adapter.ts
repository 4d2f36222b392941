/**
 * @module The PayTR adapter (www.paytr.com, Turkey): hosted payments through the iFrame API
 * (PayTR's page runs 3-D Secure), card payments through the Direct API (3-D Secure through the
 * bank's page, or non-3-D with an immediate answer), the status query, and refunds in full or in
 * part. PayTR has no authorization-only payments in these APIs and no void: cancel refunds.
 * Recurring charges use PayTR's card storage (`utoken`/`ctoken`), non-3-D only.
 * Docs: https://dev.paytr.com
 */

import { notSupported } from '../not-supported'
import type { PaymentProvider } from '../types'
import { paytrConfigSchema } from './config'
import { completeReturn, createPayment, getStatus } from './payments'
import { chargeRecurring, stopRecurring } from './recurring'
import { cancel, refund } from './refunds'
import { paytrWebhooks } from './webhooks'

/** One host for test and live; the test environment sends `test_mode=1`. */
export const PAYTR_BASE_URL = 'https://www.paytr.com'

export const paytrProvider: PaymentProvider = {
  id: 'paytr',
  displayName: 'PayTR',
  configSchema: paytrConfigSchema,
  capabilities: {
    card: true,
    threeDS: true,
    hosted: true,
    capture: false,
    partialCapture: false,
    cancel: true,
    refund: true,
    partialRefund: true,
    recurring: true,
    webhooks: true,
    environments: ['test', 'production'],
  },
  baseUrls: { test: PAYTR_BASE_URL, production: PAYTR_BASE_URL },
  createPayment,
  completeReturn,
  getStatus,
  cancel,
  refund,
  capture: notSupported,
  chargeRecurring,
  stopRecurring,
  webhooks: paytrWebhooks,
}
