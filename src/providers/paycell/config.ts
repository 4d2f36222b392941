/**
 * @module Paycell (Turkcell) credentials, issued by Paycell when the merchant application is set
 * up: application name and password (sent in every provision request header), the secure code of
 * the card-token hash, the merchant code and the 3-digit reference number prefix ("ilk 3 hanesi üye
 * iş yerine özeldir paycell tarafından belirlenir", paycell-api-java `ProvisionRequestFactory.java`).
 * The public test values are PAYCELLTEST / PaycellTestPassword / PAYCELL12345 / 9998; without a
 * prefix, "001", the Java and Node SDKs' `REFERENCE_NUMBER_PREFIX`, is used.
 * Docs: https://paycell.com.tr/paycell-api
 */
import * as z from 'zod'
import { credential } from '../config-schema'

export const paycellConfigSchema = z.object({
  applicationName: credential('Application name (applicationName) issued by Paycell'),
  applicationPassword: credential('Application password (applicationPwd) issued with it'),
  secureCode: credential('Secure code (secureCode); part of the getCardTokenSecure hashData'),
  merchantCode: credential('Merchant code (merchantCode) of the store').regex(
    /^\d+$/,
    'must be digits'
  ),
  referencePrefix: credential(
    'Reference number prefix (3 digits) assigned by Paycell at integration; 001 when absent'
  )
    .regex(/^\d{3}$/, 'must be exactly 3 digits')
    .optional(),
})
