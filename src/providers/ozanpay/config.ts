/**
 * @module OzanPay credentials from the Ozan merchant panel: the API key that identifies the merchant
 * and the secret key that signs callbacks.
 * Docs: https://ozan.com/en/business
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const ozanpayConfigSchema = z.object({
  apiKey: credential('API key of the merchant'),
  secretKey: credential('Secret key: verifies callback checksums'),
  merchantId: credential('Merchant id, when the account has several').optional(),
})
