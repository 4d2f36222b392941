/**
 * @module The keys derived from the one master secret `CONFIG_ENCRYPTION_KEY`. Each purpose gets
 * its own key through HKDF-SHA256 with a distinct label, so a key serves exactly one use. There is
 * no default: without the secret the keyring does not exist and credentialed routes answer 503.
 */
import { registerKeyVersion } from './aes-gcm'
import { fromBase64, fromHex, toHex, utf8 } from './encoding'

export interface Keyring {
  /** Names the master secret in sealed values (`v2.<keyId>.…`). */
  keyId: string
  /** The previous master's keys while a rotation is under way (`CONFIG_ENCRYPTION_KEY_PREVIOUS`). */
  previous?: Keyring
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
  /** AES-256-GCM for rotated merchant callback secrets. */
  callbackSecrets: CryptoKey
  /** HMAC-SHA256 naming an account's sign-in lockout: a mistyped password never sits in clear. */
  loginNames: CryptoKey
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

/** 32 bits that name a master secret in sealed values, without revealing anything of it. */
async function keyIdOf(master: CryptoKey): Promise<string> {
  const bits = await crypto.subtle.deriveBits(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(), info: utf8('gopay-edge/key-id/v1') },
    master,
    32
  )
  return toHex(bits)
}

async function deriveKeyring(raw: Uint8Array): Promise<Keyring> {
  const master = await crypto.subtle.importKey('raw', raw, 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ])
  const aes = { name: 'AES-GCM', length: 256 } as const
  const hmacSha256 = { name: 'HMAC', hash: 'SHA-256', length: 256 } as const
  return {
    keyId: await keyIdOf(master),
    providerConfig: await deriveKey(master, 'provider-config/v1', aes, ['encrypt', 'decrypt']),
    signingKeys: await deriveKey(master, 'signing-keys/v1', aes, ['encrypt', 'decrypt']),
    stateTokens: await deriveKey(master, 'state-tokens/v1', hmacSha256, ['sign', 'verify']),
    sandbox: await deriveKey(master, 'sandbox/v1', hmacSha256, ['sign']),
    webhookSecrets: await deriveKey(master, 'webhook-secrets/v1', aes, ['encrypt', 'decrypt']),
    cardFingerprints: await deriveKey(master, 'card-fingerprints/v1', hmacSha256, ['sign']),
    callbackSecrets: await deriveKey(master, 'callback-secrets/v1', aes, ['encrypt', 'decrypt']),
    loginNames: await deriveKey(master, 'login-names/v1', hmacSha256, ['sign']),
  }
}

/** The keys that seal secrets at rest: what a rotation re-seals. */
export const SEALING_KEYS = [
  'providerConfig',
  'signingKeys',
  'webhookSecrets',
  'callbackSecrets',
] as const satisfies readonly (keyof Keyring)[]

const previousKeys = new WeakMap<CryptoKey, CryptoKey>()

/** The same-purpose key of the previous master secret, while one is configured (for HMAC checks). */
export const previousKeyOf = (key: CryptoKey) => previousKeys.get(key)

function link(keyring: Keyring, previous: Keyring | undefined) {
  for (const name of SEALING_KEYS) {
    registerKeyVersion(keyring[name], {
      id: keyring.keyId,
      previous: previous && { key: previous[name], id: previous.keyId },
    })
  }
  if (previous) previousKeys.set(keyring.stateTokens, previous.stateTokens)
}

/**
 * Derives (once per isolate and secret values) the keyring; returns the problem when there is
 * none. With `previousSecret` (a rotation under way), values sealed or signed under it still open.
 */
export function loadKeyring(
  secret: string | undefined,
  previousSecret?: string
): Promise<Keyring> | MasterKeyProblem {
  const raw = parseMasterKey(secret)
  if (typeof raw === 'string') return raw
  const previousRaw = previousSecret ? parseMasterKey(previousSecret) : undefined
  const usablePrevious = previousRaw instanceof Uint8Array ? previousRaw : undefined
  const cacheKey = `${secret}|${usablePrevious ? previousSecret : ''}`
  let keyring = keyrings.get(cacheKey)
  if (!keyring) {
    keyring = (async () => {
      const current = await deriveKeyring(raw)
      const previous = usablePrevious ? await deriveKeyring(usablePrevious) : undefined
      const rotating = previous && previous.keyId !== current.keyId ? previous : undefined
      link(current, rotating)
      return rotating ? { ...current, previous: rotating } : current
    })()
    keyrings.set(cacheKey, keyring)
  }
  return keyring
}

/** The keyring of a Worker's env: `CONFIG_ENCRYPTION_KEY`, and `CONFIG_ENCRYPTION_KEY_PREVIOUS` during a rotation. */
export const loadKeyringOf = (env: Env) =>
  loadKeyring(
    env.CONFIG_ENCRYPTION_KEY,
    (env as Env & { CONFIG_ENCRYPTION_KEY_PREVIOUS?: string }).CONFIG_ENCRYPTION_KEY_PREVIOUS
  )
