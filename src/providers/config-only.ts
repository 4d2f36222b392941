/**
 * @module A provider whose credentials the gateway already stores but whose adapter is not built
 * yet: every operation answers `not_supported`, and its capabilities say so.
 */
import type { ProviderConfigSchema } from './config-schema'
import type { PaymentProvider } from './types'

const notSupported = () => Promise.resolve({ kind: 'not_supported' as const })

export const configOnlyProvider = (
  id: string,
  displayName: string,
  configSchema: ProviderConfigSchema
): PaymentProvider => ({
  id,
  displayName,
  configSchema,
  capabilities: {
    card: false,
    threeDS: false,
    hosted: false,
    capture: false,
    partialCapture: false,
    cancel: false,
    refund: false,
    partialRefund: false,
    recurring: false,
    webhooks: false,
    environments: ['test', 'production'],
  },
  baseUrls: { test: '', production: '' },
  createPayment: notSupported,
  completeReturn: notSupported,
  getStatus: notSupported,
  cancel: notSupported,
  refund: notSupported,
  capture: notSupported,
  chargeRecurring: notSupported,
  stopRecurring: notSupported,
})
