/**
 * @module GoPay (gopay.com, REST API v3) credentials from the GoPay merchant account: the eshop's
 * GoID and the OAuth client id and secret.
 * Docs: https://doc.gopay.com/#access-token
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const gopayConfigSchema = z.object({
  goId: credential('GoID: the 10-digit id of the eshop').regex(/^\d{10}$/, 'must be 10 digits'),
  clientId: credential('OAuth client id (ClientID)'),
  clientSecret: credential('OAuth client secret (ClientSecret)'),
})
