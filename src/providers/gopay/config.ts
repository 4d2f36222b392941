/**
 * @module GoPay (gopay.com, REST API v3) credentials, issued by GoPay for the e-shop (sandbox and
 * production have separate sets): the e-shop's GoID and the OAuth client id and client secret.
 * GoPay notifications are unsigned and verified by fetching the payment, so no webhook key exists.
 * Docs: https://doc.gopay.com
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const gopayConfigSchema = z.object({
  goId: credential('GoID: the numeric id of the e-shop in GoPay (e.g. 8123456789)').regex(
    /^\d+$/,
    'must be digits'
  ),
  clientId: credential('OAuth Client ID issued by GoPay for the e-shop'),
  clientSecret: credential('OAuth Client Secret issued with the Client ID'),
})
