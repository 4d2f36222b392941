/**
 * @module The rotating ES256 key set behind access tokens. Three slots: `next` is published before
 * it ever signs, so every verifier already knows it when it becomes `current`; `previous` keeps
 * verifying for a whole rotation period (far longer than a token lives). The cron rotates; nobody
 * is signed out by a rotation or a deploy.
 */
import { open, seal } from '../crypto/aes-gcm'
import type { Db } from '../db/client'
import { isUniqueViolation } from '../db/errors'
import {
  findCurrentSigningKey,
  insertInitialSigningKeys,
  listSigningKeys,
  type NewSigningKey,
  rotateSigningKeyStates,
} from '../db/repos/signing-keys'
import { newId } from '../domain/ids'
import { ECDSA_P256 } from './jwt'

export const SIGNING_KEY_ROTATION_MS = 24 * 60 * 60 * 1000
/** How long an isolate trusts its copy of the key set before reading KV again. */
const KEY_CACHE_MS = 60_000
/** An unknown `kid` re-reads D1 at most this often, so forged kids cannot flood the database. */
const UNKNOWN_KID_RELOAD_MS = 10_000
const KV_KEY_SET = 'auth:signing-keys'
const KV_KEY_SET_TTL_SECONDS = 300

export interface SigningKeyDeps {
  db: Db
  kv: KVNamespace
  sealingKey: CryptoKey
  now: () => number
}

interface PublicKeyEntry {
  kid: string
  publicJwk: JsonWebKey
}

interface Cached<T> {
  value: T
  loadedAt: number
}

// Isolate-level caches, keyed by the KV binding so separate deployments (and test files) never share keys.
const signers = new WeakMap<KVNamespace, Cached<{ kid: string; key: CryptoKey }>>()
const keySets = new WeakMap<KVNamespace, Cached<PublicKeyEntry[]>>()
const lastD1Reload = new WeakMap<KVNamespace, number>()
/** Imported once per cached key-set entry: a reloaded key set (a kid's new key) imports afresh. */
const importedPublicKeys = new WeakMap<PublicKeyEntry, Promise<CryptoKey>>()

/** The key alone (`kty`, `crv`, `x`, `y`, and `d` when private), without WebCrypto's usage flags. */
async function exportJwk(key: CryptoKey): Promise<JsonWebKey> {
  const { kty, crv, x, y, d } = (await crypto.subtle.exportKey('jwk', key)) as JsonWebKey
  return d === undefined ? { kty, crv, x, y } : { kty, crv, x, y, d }
}

const importJwk = (jwk: JsonWebKey, use: 'sign' | 'verify') =>
  crypto.subtle.importKey('jwk', jwk, ECDSA_P256, false, [use])

async function generateSigningKey(sealingKey: CryptoKey, now: number): Promise<NewSigningKey> {
  const kid = newId('signingKey', now)
  const { publicKey, privateKey } = (await crypto.subtle.generateKey(ECDSA_P256, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair
  const privateJwk = JSON.stringify(await exportJwk(privateKey))
  return {
    kid,
    publicJwk: JSON.stringify(await exportJwk(publicKey)),
    sealedPrivateJwk: await seal(sealingKey, privateJwk, `signing-key|${kid}`),
    createdAt: now,
  }
}

/** Creates the first key pair set if none exists; losing a race to another caller is fine. */
async function ensureKeys(deps: SigningKeyDeps): Promise<void> {
  if (await findCurrentSigningKey(deps.db)) return
  const now = deps.now()
  const current = await generateSigningKey(deps.sealingKey, now)
  const next = await generateSigningKey(deps.sealingKey, now)
  await insertInitialSigningKeys(deps.db, current, next, now).catch((error: unknown) => {
    if (!isUniqueViolation(error)) throw error // else another caller created them first
  })
}

export async function currentSigner(
  deps: SigningKeyDeps
): Promise<{ kid: string; key: CryptoKey }> {
  const cached = signers.get(deps.kv)
  if (cached && deps.now() - cached.loadedAt < KEY_CACHE_MS) return cached.value
  let row = await findCurrentSigningKey(deps.db)
  if (!row) {
    await ensureKeys(deps)
    row = await findCurrentSigningKey(deps.db)
    if (!row) throw new Error('no current signing key after bootstrap')
  }
  const jwk = JSON.parse(
    await open(deps.sealingKey, row.sealedPrivateJwk, `signing-key|${row.kid}`)
  )
  const key = await importJwk(jwk, 'sign')
  const value = { kid: row.kid, key }
  signers.set(deps.kv, { value, loadedAt: deps.now() })
  return value
}

async function loadKeySetFromD1(deps: SigningKeyDeps): Promise<PublicKeyEntry[]> {
  lastD1Reload.set(deps.kv, deps.now())
  const rows = await listSigningKeys(deps.db)
  const entries = rows.map((row) => ({
    kid: row.kid,
    publicJwk: JSON.parse(row.publicJwk) as JsonWebKey,
  }))
  await deps.kv.put(KV_KEY_SET, JSON.stringify(entries), { expirationTtl: KV_KEY_SET_TTL_SECONDS })
  keySets.set(deps.kv, { value: entries, loadedAt: deps.now() })
  return entries
}

async function keySet(deps: SigningKeyDeps): Promise<PublicKeyEntry[]> {
  const cached = keySets.get(deps.kv)
  if (cached && deps.now() - cached.loadedAt < KEY_CACHE_MS) return cached.value
  const fromKv = await deps.kv.get<PublicKeyEntry[]>(KV_KEY_SET, 'json')
  if (fromKv) {
    keySets.set(deps.kv, { value: fromKv, loadedAt: deps.now() })
    return fromKv
  }
  return loadKeySetFromD1(deps)
}

/** The public key for `kid`, or undefined when the gateway never issued (or has retired) it. */
export async function verificationKey(
  deps: SigningKeyDeps,
  kid: string
): Promise<CryptoKey | undefined> {
  let entry = (await keySet(deps)).find((k) => k.kid === kid)
  if (!entry && deps.now() - (lastD1Reload.get(deps.kv) ?? 0) >= UNKNOWN_KID_RELOAD_MS) {
    entry = (await loadKeySetFromD1(deps)).find((k) => k.kid === kid)
  }
  if (!entry) return undefined
  let key = importedPublicKeys.get(entry)
  if (!key) {
    key = importJwk(entry.publicJwk, 'verify')
    importedPublicKeys.set(entry, key)
  }
  return key
}

/** Cron: rotate once the current key has signed for a full period. Returns whether it rotated. */
export async function rotateSigningKeysIfDue(deps: SigningKeyDeps): Promise<boolean> {
  await ensureKeys(deps)
  const rows = await listSigningKeys(deps.db)
  const current = rows.find((r) => r.state === 'current')
  const next = rows.find((r) => r.state === 'next')
  const now = deps.now()
  if (!current || !next || now - (current.activatedAt ?? 0) < SIGNING_KEY_ROTATION_MS) return false
  const fresh = await generateSigningKey(deps.sealingKey, now)
  try {
    await rotateSigningKeyStates(
      deps.db,
      { currentKid: current.kid, nextKid: next.kid },
      fresh,
      now
    )
  } catch (error) {
    if (isUniqueViolation(error)) return false // another rotation won the race; its result stands
    throw error
  }
  signers.delete(deps.kv)
  await loadKeySetFromD1(deps)
  return true
}
