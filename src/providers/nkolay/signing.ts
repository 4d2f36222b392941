/**
 * @module Paynkolay's hashes. Every request carries `hashDatav2` = base64 of the raw SHA-512 of
 * its documented fields joined with `|`, the merchant secret key last (paynkolay/paynkolay-api-spec
 * `openapi.yaml`, "Hash Verification (hashDatav2)"; paynkolay.com.tr/entegrasyon/en/04-hash-request).
 * The result Paynkolay posts to successUrl/failUrl carries `hashDataV2` (capital V) over nine
 * fields ending in `CURRENCY_CODE` (paynkolay.com.tr/entegrasyon/05-hash-response; the spec's
 * `WebhookCallback` leaves `CURRENCY_CODE` out, which a captured sandbox post contradicts).
 */
import { toBase64 } from '../../crypto/encoding'
import { digest, timingSafeEqual } from '../../crypto/hash'

/** `base64(SHA-512(fields.join("|")))`: the fields in the documented order, the secret last. */
export const hashDataV2 = async (fields: readonly string[]) =>
  toBase64(await digest('SHA-512', fields.join('|')))

/** The result post's signed fields, in order; the secret key follows them. */
export const RESULT_HASH_FIELDS = [
  'MERCHANT_NO',
  'REFERENCE_CODE',
  'AUTH_CODE',
  'RESPONSE_CODE',
  'USE_3D',
  'RND',
  'INSTALLMENT',
  'AUTHORIZATION_AMOUNT',
  'CURRENCY_CODE',
] as const

/** The `hashDataV2` Paynkolay computes over a result post (absent fields hash as empty). */
export const resultHash = (fields: Record<string, string | undefined>, secretKey: string) =>
  hashDataV2([...RESULT_HASH_FIELDS.map((name) => fields[name] ?? ''), secretKey])

/** True when the post's `hashDataV2` is Paynkolay's over its fields; constant time. */
export async function verifyResultHash(
  fields: Record<string, string | undefined>,
  secretKey: string
): Promise<boolean> {
  const posted = fields.hashDataV2
  if (!posted || !secretKey) return false
  return timingSafeEqual(posted, await resultHash(fields, secretKey))
}
