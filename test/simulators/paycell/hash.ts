/**
 * @module Paycell's `getCardTokenSecure` hashData, recomputed from the documents (the samples'
 * `HashService.js` / `customHash.php` / `HashDataGenerator.java` agree):
 * `H(x) = base64(sha256(UPPER(x)))`, `securityData = H(pwd + name)`, upper-cased again inside.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

const h = (text: string) => createHash('sha256').update(text.toUpperCase(), 'utf8').digest('base64')

export interface AppSecrets {
  applicationName: string
  applicationPwd: string
  secureCode: string
}

const securityData = (app: AppSecrets) =>
  h(app.applicationPwd.toUpperCase() + app.applicationName.toUpperCase()).toUpperCase()

export const requestHash = (app: AppSecrets, transactionId: string, transactionDateTime: string) =>
  h(app.applicationName + transactionId + transactionDateTime + app.secureCode + securityData(app))

export const responseHash = (
  app: AppSecrets,
  fields: {
    transactionId: string
    responseDateTime: string
    responseCode: string
    cardToken: string
  }
) =>
  h(
    app.applicationName +
      fields.transactionId +
      fields.responseDateTime +
      fields.responseCode +
      fields.cardToken +
      app.secureCode +
      securityData(app)
  )

export function sameHash(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
