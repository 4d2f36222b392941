/**
 * @module Papara merchant API credentials, on the API Info page of the Papara merchant panel (the
 * test panel has its own): the API key sent in the ApiKey header, and the merchant secret key that
 * Papara includes in every payment notification.
 * Docs: https://github.com/paparateam/merchantApiClient-node
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const paparaConfigSchema = z.object({
  apiKey: credential('API key (ApiKey header), Papara merchant panel → API Info'),
  merchantSecretKey: credential(
    'Merchant secret key from the same page; a notification is accepted only if it carries this value (without it, every notification is refused with 401)'
  ).optional(),
})
