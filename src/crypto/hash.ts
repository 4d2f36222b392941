/** @module Digests and HMACs over WebCrypto, plus the constant-time comparison every verifier uses. */
import { toHex, utf8 } from './encoding'

type Bytes = string | Uint8Array
const bytes = (data: Bytes) => (typeof data === 'string' ? utf8(data) : data)

export type DigestAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512' | 'MD5'

/** MD5 is accepted by workerd's `crypto.subtle.digest` (a few providers still sign with it). */
export async function digest(algorithm: DigestAlgorithm, data: Bytes): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes(data)))
}

export const sha256Hex = async (data: Bytes): Promise<string> =>
  toHex(await digest('SHA-256', data))

export type HmacAlgorithm = 'SHA-1' | 'SHA-256' | 'SHA-512'

export function importHmacKey(
  algorithm: HmacAlgorithm,
  secret: Bytes,
  usages: string[] = ['sign', 'verify']
): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    bytes(secret),
    { name: 'HMAC', hash: algorithm },
    false,
    usages
  )
}

export async function hmac(
  algorithm: HmacAlgorithm,
  key: CryptoKey | Bytes,
  data: Bytes
): Promise<Uint8Array> {
  const cryptoKey = key instanceof CryptoKey ? key : await importHmacKey(algorithm, key, ['sign'])
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, bytes(data)))
}

/**
 * Constant-time equality of two byte strings or texts. Lengths are not secret (every value we
 * compare has a public, fixed length), so a length mismatch returns early.
 */
export function timingSafeEqual(a: Bytes, b: Bytes): boolean {
  const left = bytes(a)
  const right = bytes(b)
  if (left.byteLength !== right.byteLength) return false
  return crypto.subtle.timingSafeEqual(left, right)
}
