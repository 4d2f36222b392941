/**
 * @module OzanPay credentials, issued by Ozan with the merchant account: the API key that
 * identifies the merchant and the secret key paired with it. Ozan publishes no public API
 * reference; the official SDK below shows the key pair.
 * Docs: https://github.com/ozanlimited/ozanpay-php-sdk
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const ozanpayConfigSchema = z.object({
  apiKey: credential('API key of the merchant, issued by Ozan'),
  secretKey: credential(
    'Secret key paired with the API key; authenticates API calls and checks callback checksums'
  ),
  merchantId: credential('Merchant id, only when Ozan assigned one to the account').optional(),
})
