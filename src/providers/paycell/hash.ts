/**
 * @module The `hashData` of `getCardTokenSecure`, as the official samples compute it
 * (paycelldev/paycell-api-nodejs `services/HashService.js`, paycell-api-php
 * `provisionServices/customHash.php`, paycell-api-java `HashDataGenerator.java`):
 * `H(x) = base64(SHA-256(UPPER(x)))`, `securityData = H(applicationPwd + applicationName)`, and the
 * base64 `securityData` is itself upper-cased inside the second hash. Inputs are ASCII, so
 * upper-casing the whole concatenation equals the samples' part-by-part upper-casing.
 */
import { toBase64 } from '../../crypto/encoding'
import { digest, timingSafeEqual } from '../../crypto/hash'

export interface HashSecrets {
  applicationName: string
  applicationPassword: string
  secureCode: string
}

export const paycellHash = async (text: string) =>
  toBase64(await digest('SHA-256', text.toUpperCase()))

export const securityDataOf = (secrets: HashSecrets) =>
  paycellHash(secrets.applicationPassword + secrets.applicationName)

/** Request `hashData`: applicationName + transactionId + transactionDateTime + secureCode + securityData. */
export async function requestHashData(
  secrets: HashSecrets,
  transactionId: string,
  transactionDateTime: string
): Promise<string> {
  const securityData = await securityDataOf(secrets)
  return paycellHash(
    secrets.applicationName +
      transactionId +
      transactionDateTime +
      secrets.secureCode +
      securityData
  )
}

export interface TokenAnswerFields {
  transactionId: string
  responseDateTime: string
  responseCode: string
  cardToken: string
}

/** Answer `hashData`: applicationName + transactionId + responseDateTime + responseCode + cardToken + secureCode + securityData. */
export async function responseHashData(
  secrets: HashSecrets,
  answer: TokenAnswerFields
): Promise<string> {
  const securityData = await securityDataOf(secrets)
  return paycellHash(
    secrets.applicationName +
      answer.transactionId +
      answer.responseDateTime +
      answer.responseCode +
      answer.cardToken +
      secrets.secureCode +
      securityData
  )
}

/** The merchant must compare the answer's hashData ("Bu kontrol üye işyeri tarafından yapılır"). */
export async function verifyResponseHash(
  secrets: HashSecrets,
  answer: TokenAnswerFields,
  hashData: string
): Promise<boolean> {
  return timingSafeEqual(await responseHashData(secrets, answer), hashData)
}
