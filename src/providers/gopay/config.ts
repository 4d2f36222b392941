/**
 * @module GoPay (gopay.com, REST API v3) credentials, issued by GoPay for the e-shop (sandbox and
 * production have separate sets): the e-shop's GoID and the OAuth client id and client secret.
 * GoPay notifications are unsigned and verified by fetching the payment, so no webhook key exists.
 * Two optional settings: the language of GoPay's payment page, and card tokens for recurring
 * payments, which GoPay switches on per e-shop on request.
 * Docs: https://doc.gopay.com
 */
import * as z from 'zod'
import { credential } from '../config-schema'
import { LANGUAGES } from './mapping'

export const gopayConfigSchema = z.object({
  goId: credential('GoID: the numeric id of the e-shop in GoPay (e.g. 8123456789)').regex(
    /^\d+$/,
    'must be digits'
  ),
  clientId: credential('OAuth Client ID issued by GoPay for the e-shop'),
  clientSecret: credential('OAuth Client Secret issued with the Client ID'),
  language: z
    .enum(LANGUAGES)
    .describe('Language of the GoPay payment page (`lang`), e.g. CS or EN; EN when not set')
    .optional(),
  requestCardToken: z
    .enum(['true', 'false'])
    .describe(
      '`true` once GoPay has enabled card tokens for the e-shop: recurring card payments then ask GoPay to store the card'
    )
    .optional(),
})
