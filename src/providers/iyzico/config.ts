/**
 * @module iyzico credentials: the API key and secret key from the merchant panel; the secret key
 * signs every request (IYZWSv2) and verifies callbacks and webhooks.
 * Docs: https://docs.iyzico.com/en/getting-started/preliminaries/authentication
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const iyzicoConfigSchema = z.object({
  apiKey: credential('API key from the iyzico merchant panel (Settings → Company settings)'),
  secretKey: credential(
    'Secret key paired with the API key; signs requests and verifies notifications'
  ),
})
