/**
 * @module The keys derived from the one master secret `CONFIG_ENCRYPTION_KEY`. Each purpose gets
 * its own key through HKDF-SHA256 with a distinct label, so a key serves exactly one use. There is
 * no default: without the secret the keyring does not exist and credentialed routes answer 503.
 */
import { fromBase64, fromHex, utf8 } from './encoding'

export interface Keyring {
  /** AES-256-GCM for tenant provider credentials. */
  providerConfig: CryptoKey
  /** AES-256-GCM for the private halves of the access-token signing keys. */
  signingKeys: CryptoKey
  /** HMAC-SHA256 for signed, expiring state tokens (callbacks) and merchant redirect signatures. */
  stateTokens: CryptoKey
  /** HMAC-SHA256 from which the built-in sandbox provider derives each tenant's merchant secret. */
  sandbox: CryptoKey
  /** AES-256-GCM for the signing secrets of merchant webhook endpoints. */
  webhookSecrets: CryptoKey
  /** HMAC-SHA256 for card fingerprints: the same card gives the same value within one tenant. */
  cardFingerprints: CryptoKey
}

export type MasterKeyProblem = 'missing' | 'invalid'

const MASTER_KEY_BYTES = 32

/** Accepts 32 bytes as base64 (`openssl rand -base64 32`) or as 64 hex characters. */
export function parseMasterKey(value: string | undefined): Uint8Array | MasterKeyProblem {
  if (!value) return 'missing'
  const text = value.trim()
  try {
    const raw = /^[0-9a-f]{64}$/i.test(text) ? fromHex(text) : fromBase64(text)
    return raw.byteLength === MASTER_KEY_BYTES ? raw : 'invalid'
  } catch {
    return 'invalid'
  }
}

async function deriveKey(
  master: CryptoKey,
  label: string,
  algorithm: SubtleCryptoImportKeyAlgorithm,
  usages: string[]
): Promise<CryptoKey> {
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: utf8(`gopay-edge/${label}`) },
    master,
    algorithm,
    false,
    usages
  )
}

const keyrings = new Map<string, Promise<Keyring>>()

/** Derives (once per isolate and secret value) the keyring; returns the problem when there is none. */
export function loadKeyring(secret: string | undefined): Promise<Keyring> | MasterKeyProblem {
  const raw = parseMasterKey(secret)
  if (typeof raw === 'string') return raw
  const cacheKey = secret as string
  let keyring = keyrings.get(cacheKey)
  if (!keyring) {
    keyring = (async () => {
      const master = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey'])
      const aes = { name: 'AES-GCM', length: 256 } as const
      const hmacSha256 = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const
      return {
        providerConfig: await deriveKey(master, 'provider-config/v1', aes, ['encrypt', 'decrypt']),
        signingKeys: await deriveKey(master, 'signing-keys/v1', aes, ['encrypt', 'decrypt']),
        stateTokens: await deriveKey(master, 'state-tokens/v1', hmacSha256, ['sign', 'verify']),
        sandbox: await deriveKey(master, 'sandbox/v1', hmacSha256, ['sign']),
        webhookSecrets: await deriveKey(master, 'webhook-secrets/v1', aes, ['encrypt', 'decrypt']),
        cardFingerprints: await deriveKey(master, 'card-fingerprints/v1', hmacSha256, ['sign']),
      }
    })()
    keyrings.set(cacheKey, keyring)
  }
  return keyring
}
