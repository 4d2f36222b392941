/**
 * @module Paycell (Turkcell) credentials, issued by Paycell at onboarding: the application name and
 * password sent in every provision request header, the secure code for card-token hashes, and the
 * merchant code.
 * Docs: https://paycell.com.tr/paycell-api
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const paycellConfigSchema = z.object({
  applicationName: credential('applicationName, e.g. PAYCELLTEST in the test environment'),
  applicationPassword: credential('applicationPwd sent in every provision request header'),
  secureCode: credential('secureCode used in the getCardTokenSecure hashData'),
  merchantCode: credential('merchantCode of the store').regex(/^\d+$/, 'must be digits'),
  eulaId: credential(
    'eulaID of the accepted terms of service, when card storage is used'
  ).optional(),
})
