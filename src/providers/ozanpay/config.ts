/**
 * @module OzanPay credentials: the API key Ozan issues with the merchant account. The checkout API
 * (`/pw/v3/initializePayment`) carries it in the JSON body and nothing else authenticates a call;
 * no public source shows a secret key or signature for this API, so none is asked for.
 * Docs: docs/providers/ozanpay.md (what is known, and from where).
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const ozanpayConfigSchema = z.object({
  apiKey: credential('API key of the merchant, issued by Ozan (sandbox and live keys differ)'),
})
