/**
 * @module Adyen credentials (cards, and the GoPay wallet through Adyen) from the Adyen Customer
 * Area: the API key of a web-service user, the merchant account, the HMAC key of the standard
 * webhook, and optionally the client key used by Adyen's client-side components.
 * Docs: https://docs.adyen.com/development-resources/api-credentials
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const adyenConfigSchema = z.object({
  apiKey: credential(
    'API key of the web-service user (ws@Company.…), Developers → API credentials; sent as X-API-Key'
  ),
  merchantAccount: credential('Merchant account code that processes the payments'),
  hmacKey: credential(
    'HMAC key (hex) of the standard webhook, Developers → Webhooks → the webhook → Security'
  )
    .regex(/^[0-9A-Fa-f]+$/, 'must be hexadecimal')
    .optional(),
  // Adyen's live API host carries a prefix per company account; it is a host label, not a URL, and
  // only ever fills https://<prefix>-checkout-live.adyenpayments.com. Adyen shows it in mixed case
  // ("1797a841fbb37ca7-AdyenDemo"); host labels are case-insensitive.
  liveEndpointUrlPrefix: credential(
    'Live endpoint prefix of your company account, Developers → API URLs; production only'
  )
    .regex(/^[0-9A-Za-z]+(-[0-9A-Za-z]+)*$/, 'letters, digits and single hyphens only')
    .optional(),
  clientKey: credential(
    'Client key (test_… / live_…) of the same API credential, for Adyen client-side components'
  )
    .regex(/^(test|live)_/, 'must start with test_ or live_')
    .optional(),
})
