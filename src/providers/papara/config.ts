/**
 * @module Papara merchant API credentials from the merchant panel (API Info): the API key sent in the
 * ApiKey header, and the merchant secret key that Papara echoes in payment notifications.
 * Docs: https://merchant-api.papara.com
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const paparaConfigSchema = z.object({
  apiKey: credential('API key (ApiKey header) from the Papara merchant panel → API Info'),
  merchantSecretKey: credential(
    'Merchant secret key: notifications are accepted only when they carry it'
  ).optional(),
})
