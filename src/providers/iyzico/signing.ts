/**
 * @module Every iyzico signature, all HMAC-SHA256 keyed with the UTF-8 bytes of the merchant's
 * secret key, lower-case hex:
 * - requests: `Authorization: IYZWSv2 base64("apiKey:<apiKey>&randomKey:<rnd>&signature:<hmac>")`
 *   with `hmac = HMAC(secretKey, rnd + uriPath + body)`, `uriPath` the path without host or query
 *   and `body` exactly the JSON text sent (nothing for a request without a body)
 *   (https://docs.iyzico.com/en/getting-started/preliminaries/authentication/hmacsha256-auth;
 *   iyzico/iyzipay-node@cb4d163 `lib/utils.js` `generateHashV2`, `lib/IyzipayResource.js`;
 *   iyzico/iyzipay-php@168839f `src/Iyzipay/IyziAuthV2Generator.php`);
 * - answers: `signature = HMAC(secretKey, values joined by ":")`, in an order each endpoint fixes
 *   (https://docs.iyzico.com/en/advanced/response-signature-validation; iyzipay-node
 *   `test/unit/verifySignature.js`; iyzico/iyzipay-java@85a63a2 `ResponseSignatureGenerator.java`:
 *   numbers written without trailing zeros, absent values as empty text);
 * - the 3-D Secure return: `HMAC(secretKey, conversationData:conversationId:mdStatus:paymentId:status)`
 *   (iyzipay-php `samples/callbackUrl_Signature_Validation.php`);
 * - webhooks: `X-IYZ-SIGNATURE-V3 = HMAC(secretKey, secretKey + fields concatenated)`
 *   (https://docs.iyzico.com/en/advanced/webhook; iyzipay-php `samples/webhook_Signature_Validation.php`).
 */
import { toBase64, toHex, utf8 } from '../../crypto/encoding'
import { hmac, timingSafeEqual } from '../../crypto/hash'

export const AUTHORIZATION_SCHEME = 'IYZWSv2'

export const hmacHex = async (secretKey: string, message: string) =>
  toHex(await hmac('SHA-256', secretKey, message))

/** The `Authorization` header value of one request. */
export async function authorizationHeader(request: {
  apiKey: string
  secretKey: string
  randomKey: string
  uriPath: string
  body: string
}): Promise<string> {
  const signature = await hmacHex(
    request.secretKey,
    `${request.randomKey}${request.uriPath}${request.body}`
  )
  const content = `apiKey:${request.apiKey}&randomKey:${request.randomKey}&signature:${signature}`
  return `${AUTHORIZATION_SCHEME} ${toBase64(utf8(content))}`
}

export type SignedValue = string | number | null | undefined

/** How the SDKs write a value into a signed text: numbers in their shortest form, nothing as "". */
export const signatureText = (value: SignedValue) =>
  value === null || value === undefined ? '' : String(value)

/** `signature` of an answer or a return: the values in the endpoint's order, joined by ":". */
export const joinedSignature = (secretKey: string, values: readonly SignedValue[]) =>
  hmacHex(secretKey, values.map(signatureText).join(':'))

/** The `X-IYZ-SIGNATURE-V3` of a webhook: the secret, then the fields, without separators. */
export const webhookSignature = (secretKey: string, fields: readonly SignedValue[]) =>
  hmacHex(secretKey, `${secretKey}${fields.map(signatureText).join('')}`)

/** Constant-time comparison of hex signatures, whatever the case they were written in. */
export const sameSignature = (expected: string, received: string | null | undefined) =>
  typeof received === 'string' && timingSafeEqual(expected, received.toLowerCase())
