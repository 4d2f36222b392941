/**
 * @module PayTR credentials: the store's merchant id, key and salt from the PayTR merchant panel
 * (Destek → Entegrasyon bilgileri). Key and salt sign every token and verify callbacks.
 * Docs: https://dev.paytr.com
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const paytrConfigSchema = z.object({
  merchantId: credential('merchant_id from the PayTR panel').regex(/^\d+$/, 'must be digits'),
  merchantKey: credential('merchant_key: the HMAC key of paytr_token and callback hashes'),
  merchantSalt: credential('merchant_salt: appended to every signed string'),
})
