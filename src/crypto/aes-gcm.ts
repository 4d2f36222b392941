/**
 * @module AES-256-GCM sealing of secrets at rest. Each seal draws a fresh 96-bit IV; the caller binds
 * the ciphertext to its owner through additional data, so a row copied to another tenant, provider
 * or environment fails to open. Random IVs stay safe up to 2^32 seals per key (NIST SP 800-38D §8.3).
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './encoding'
import { randomBytes } from './random'

const IV_BYTES = 12
const FORMAT_VERSION = 'v1'

export async function seal(
  key: CryptoKey,
  plaintext: string,
  additionalData: string
): Promise<string> {
  const iv = randomBytes(IV_BYTES)
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(additionalData) },
    key,
    utf8(plaintext)
  )
  return `${FORMAT_VERSION}.${toBase64Url(iv)}.${toBase64Url(ciphertext)}`
}

/** Opens a sealed value; throws when the key, the additional data or any byte does not match. */
export async function open(
  key: CryptoKey,
  sealed: string,
  additionalData: string
): Promise<string> {
  const [version, iv, ciphertext, extra] = sealed.split('.')
  if (version !== FORMAT_VERSION || !iv || !ciphertext || extra !== undefined) {
    throw new Error('unrecognised sealed value')
  }
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: utf8(additionalData) },
    key,
    fromBase64Url(ciphertext)
  )
  return fromUtf8(plaintext)
}
