/**
 * @module The `OpenPayu-Signature` of PayU's notifications, e.g.
 * `sender=checkout;signature=c33a38d89fb60f873c039fcec3a14743;algorithm=MD5;content=DOCUMENT`:
 * the lower-case hex of HASH(raw body + the POS's second key), a plain hash of the concatenation,
 * not an HMAC. Read and checked as the PHP SDK does (`OpenPayU_Util::parseSignature`,
 * `OpenPayU_Util::verifySignature`, `OpenPayU::verifyDocumentSignature`): the header splits on `;`
 * and each part on `=` into exactly two pieces, `signature` and `algorithm` must both be there,
 * the algorithm name goes through the SDK's alias table and is upper-cased, and the comparison is
 * constant-time. The SDK reads the header as `OpenPayu-Signature` or `X-OpenPayU-Signature`.
 */
import { toHex } from '../../crypto/encoding'
import { type DigestAlgorithm, digest, timingSafeEqual } from '../../crypto/hash'

export const SIGNATURE_HEADERS = ['OpenPayu-Signature', 'X-OpenPayU-Signature'] as const

/** `OpenPayU_Util::ALGORITHMS_TO_HASH`: applied before upper-casing, so these keys are exact. */
const ALIASES: Record<string, string> = {
  SHA: 'SHA256',
  'SHA-1': 'SHA1',
  'SHA-256': 'SHA256',
  'SHA-384': 'SHA384',
  'SHA-512': 'SHA512',
}

/** The PHP hash names the SDK accepts, as WebCrypto digests (workerd's digest has MD5). */
const DIGESTS: Record<string, DigestAlgorithm> = {
  MD5: 'MD5',
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA384: 'SHA-384',
  SHA512: 'SHA-512',
}

export function digestOf(algorithm: string): DigestAlgorithm | undefined {
  const name = (ALIASES[algorithm] ?? algorithm).toUpperCase()
  return Object.hasOwn(DIGESTS, name) ? DIGESTS[name] : undefined
}

/** The header's `key=value` pairs; undefined when any part is not exactly one `=` pair. */
export function parseSignatureHeader(header: string): Record<string, string> | undefined {
  if (header === '') return undefined
  const fields: Record<string, string> = {}
  for (const part of header.replace(/;+$/, '').split(';')) {
    const pieces = part.split('=')
    if (pieces.length !== 2) return undefined
    fields[pieces[0]!] = pieces[1]!
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

/** Whether `header` signs `rawBody` with `secondKey`. */
export async function verifyDocument(
  rawBody: string,
  header: string | null,
  secondKey: string | undefined
): Promise<boolean> {
  if (!header || !secondKey) return false
  const fields = parseSignatureHeader(header)
  const signature = fields?.signature
  const algorithm = fields?.algorithm && digestOf(fields.algorithm)
  if (!signature || !algorithm) return false
  const expected = await documentSignature(algorithm, rawBody, secondKey)
  return timingSafeEqual(expected, signature)
}
