/**
 * @module Paycell (Turkcell) credentials, issued by Paycell when the merchant application is set
 * up: application name and password (sent in every provision request header), the secure code of
 * the card-token hash and the merchant code. The public test values are PAYCELLTEST /
 * PaycellTestPassword / PAYCELL12345 / 9998.
 * Docs: https://paycell.com.tr/paycell-api
 */
import { z } from 'zod'
import { credential } from '../config-schema'

export const paycellConfigSchema = z.object({
  applicationName: credential('Application name (applicationName) issued by Paycell'),
  applicationPassword: credential('Application password (applicationPwd) issued with it'),
  secureCode: credential('Secure code (secureCode); part of the getCardTokenSecure hashData'),
  merchantCode: credential('Merchant code (merchantCode) of the store').regex(
    /^\d+$/,
    'must be digits'
  ),
})
