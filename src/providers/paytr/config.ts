/**
 * @module PayTR credentials: the store's merchant id, key and salt, listed on the integration
 * information page (Entegrasyon Bilgileri) of the PayTR merchant panel. Key and salt sign every
 * token and verify the payment notifications PayTR posts to the store.
 * Docs: https://dev.paytr.com
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const paytrConfigSchema = z.object({
  merchantId: credential('Store number (merchant_id) from the PayTR merchant panel').regex(
    /^\d+$/,
    'must be digits'
  ),
  merchantKey: credential(
    'merchant_key from the same page; the HMAC key of paytr_token and of notification hashes'
  ),
  merchantSalt: credential('merchant_salt from the same page; appended to every signed string'),
})
