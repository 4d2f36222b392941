/**
 * @module The `OpenPayu-Signature` of PayU's notifications, e.g.
 * `sender=checkout;signature=c33a38d89fb60f873c039fcec3a14743;algorithm=MD5;content=DOCUMENT`:
 * the lower-case hex of HASH(body + the POS's second key), a plain hash of the concatenation,
 * not an HMAC. Read as the PHP SDK reads it (PayU-EMEA/openpayu_php @7628e2d6,
 * `OpenPayU_Util::parseSignature`, `verifySignature`, `OpenPayU::verifyDocumentSignature`): the
 * header splits on `;` and each part on `=` into exactly two pieces, `signature` and `algorithm`
 * must both be there, and the comparison is constant-time. The SDK reads the header as
 * `OpenPayu-Signature` or `X-OpenPayU-Signature`, and verifies the body trimmed of surrounding
 * whitespace (its README and `examples/v2/order/OrderNotify.php` pass `trim($body)`).
 *
 * Tolerated beyond the SDK, since none of it lets an unsigned body through: whitespace around
 * the parts, algorithm names in any case (`sha-256`), upper-case hex, and `SHA` read both ways:
 * the SDK maps it to SHA-256 today (`ALGORITHMS_TO_HASH`, commit cf1050a9, April 2026) but hashed
 * it with SHA-1 before that.
 */
import { toHex } from '../../crypto/encoding'
import { type DigestAlgorithm, digest, timingSafeEqual } from '../../crypto/hash'

export const SIGNATURE_HEADERS = ['OpenPayu-Signature', 'X-OpenPayU-Signature'] as const

/** Upper-cased algorithm names (`OpenPayU_Util::ALGORITHMS_TO_HASH` and the PHP hash names). */
const DIGESTS: Record<string, readonly DigestAlgorithm[]> = {
  MD5: ['MD5'],
  SHA: ['SHA-256', 'SHA-1'],
  SHA1: ['SHA-1'],
  'SHA-1': ['SHA-1'],
  SHA256: ['SHA-256'],
  'SHA-256': ['SHA-256'],
  SHA384: ['SHA-384'],
  'SHA-384': ['SHA-384'],
  SHA512: ['SHA-512'],
  'SHA-512': ['SHA-512'],
}

/** The digests an algorithm name may mean; empty for a name PayU does not use. */
export function digestsOf(algorithm: string): readonly DigestAlgorithm[] {
  const name = algorithm.trim().toUpperCase()
  return Object.hasOwn(DIGESTS, name) ? DIGESTS[name]! : []
}

/** The header's `key=value` pairs; undefined when any part is not exactly one `=` pair. */
export function parseSignatureHeader(header: string): Record<string, string> | undefined {
  const parts = header.trim().replace(/;+$/, '')
  if (parts === '') return undefined
  const fields: Record<string, string> = {}
  for (const part of parts.split(';')) {
    const pieces = part.split('=')
    if (pieces.length !== 2) return undefined
    fields[pieces[0]!.trim()] = pieces[1]!.trim()
  }
  return fields
}

export const signatureHeaderOf = (headers: Headers): string | null => {
  for (const name of SIGNATURE_HEADERS) {
    const value = headers.get(name)
    if (value !== null) return value
  }
  return null
}

/** hex(HASH(message + key)), as PayU computes it. */
export async function documentSignature(
  algorithm: DigestAlgorithm,
  message: string,
  key: string
): Promise<string> {
  return toHex(await digest(algorithm, `${message}${key}`))
}

/** Whether `header` signs `rawBody` (as sent, or trimmed as the SDK reads it) with `secondKey`. */
export async function verifyDocument(
  rawBody: string,
  header: string | null,
  secondKey: string | undefined
): Promise<boolean> {
  if (!header || !secondKey) return false
  const fields = parseSignatureHeader(header)
  const signature = fields?.signature?.toLowerCase()
  const algorithms = fields?.algorithm ? digestsOf(fields.algorithm) : []
  if (!signature) return false
  const bodies = rawBody.trim() === rawBody ? [rawBody] : [rawBody, rawBody.trim()]
  for (const algorithm of algorithms) {
    for (const body of bodies) {
      if (timingSafeEqual(await documentSignature(algorithm, body, secondKey), signature)) {
        return true
      }
    }
  }
  return false
}
