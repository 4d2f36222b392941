/**
 * @module Adyen credentials from the Customer Area: an API key of a web-service user, the merchant
 * account, the HMAC key of the standard-notification webhook and, for live, the endpoint prefix.
 * Docs: https://docs.adyen.com/development-resources/api-credentials
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const adyenConfigSchema = z.object({
  apiKey: credential(
    'API key of the ws@Company user (Developers → API credentials), sent as X-API-Key'
  ),
  merchantAccount: credential('Merchant account name that processes the payments'),
  hmacKey: credential('HMAC key of the standard webhook (hex), from Developers → Webhooks')
    .regex(/^[0-9A-Fa-f]+$/, 'must be hexadecimal')
    .optional(),
  liveEndpointUrlPrefix: credential('Live endpoint prefix (Developers → API URLs); production only')
    .regex(/^[0-9a-z-]+$/, 'letters, digits and hyphens only')
    .optional(),
})
