/**
 * @module AES-256-GCM sealing of secrets at rest. Each seal draws a fresh 96-bit IV; the caller binds
 * the ciphertext to its owner through additional data, so a row copied to another tenant, provider
 * or environment fails to open. Random IVs stay safe up to 2^32 seals per key (NIST SP 800-38D §8.3).
 *
 * A key derived from the master secret carries the master's key id, and seals as
 * `v2.<key id>.<iv>.<ciphertext>`, so a rotation can find what is still sealed under the previous
 * master. While one is configured, opening falls back to it (see `registerKeyVersion`); `v1`
 * values, sealed before key ids existed, open under either.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './encoding'
import { randomBytes } from './random'

const IV_BYTES = 12

interface KeyVersion {
  id: string
  previous?: { key: CryptoKey; id: string }
}

const versions = new WeakMap<CryptoKey, KeyVersion>()

/** Declares `key` as derived from the master with this id, and the key it replaces, if any. */
export function registerKeyVersion(key: CryptoKey, version: KeyVersion): void {
  versions.set(key, version)
}

/** The prefix of every value `key` seals now: values without it are due for re-sealing. */
export function sealedPrefixOf(key: CryptoKey): string | undefined {
  const version = versions.get(key)
  return version && `v2.${version.id}.`
}

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
  const body = `${toBase64Url(iv)}.${toBase64Url(ciphertext)}`
  return `${sealedPrefixOf(key) ?? 'v1.'}${body}`
}

async function decrypt(key: CryptoKey, iv: string, ciphertext: string, additionalData: string) {
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: utf8(additionalData) },
    key,
    fromBase64Url(ciphertext)
  )
  return fromUtf8(plaintext)
}

/** Opens a sealed value; throws when the key, the additional data or any byte does not match. */
export async function open(
  key: CryptoKey,
  sealed: string,
  additionalData: string
): Promise<string> {
  const parts = sealed.split('.')
  const version = versions.get(key)
  if (parts[0] === 'v2' && parts.length === 4) {
    const [, id, iv, ciphertext] = parts as [string, string, string, string]
    const previous = version?.previous
    const chosen =
      !version || version.id === id ? key : previous?.id === id ? previous.key : undefined
    if (!chosen) throw new Error('sealed under a key that is no longer configured')
    return decrypt(chosen, iv, ciphertext, additionalData)
  }
  if (parts[0] !== 'v1' || parts.length !== 3) throw new Error('unrecognised sealed value')
  const [, iv, ciphertext] = parts as [string, string, string]
  try {
    return await decrypt(key, iv, ciphertext, additionalData)
  } catch (error) {
    const previous = version?.previous
    if (!previous) throw error
    return decrypt(previous.key, iv, ciphertext, additionalData)
  }
}
