/**
 * @module iyzico credentials: the API key and secret key of the merchant account, shown in the
 * iyzico merchant panel (the sandbox panel has its own pair). The secret key signs every request
 * (IYZWSv2) and verifies 3-D Secure callbacks, response signatures and webhooks. `locale` (optional,
 * `tr` by default as at iyzico) is the language of iyzico's messages and of its payment form.
 * Docs: https://docs.iyzico.com/en/getting-started/preliminaries/authentication/hmacsha256-auth
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const iyzicoConfigSchema = z.object({
  apiKey: credential('API key from the iyzico merchant panel (Settings → Company settings)'),
  secretKey: credential(
    'Secret key paired with the API key; signs every request (IYZWSv2) and verifies callbacks and webhooks'
  ),
  locale: z
    .enum(['tr', 'en'])
    .optional()
    .describe("Language of iyzico's messages and payment form: tr (default) or en"),
})
