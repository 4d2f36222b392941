/**
 * @module API keys for server-to-server calls: `gpk_test_…` / `gpk_live_…` followed by 256 random
 * bits in base62. Shown once; only the SHA-256 is stored. Lookups go through KV, so a revoked key
 * stops working everywhere within KV's 60-second propagation (at once where it was revoked); a
 * lookup that caches a key re-reads D1 after writing, so a racing revocation is never undone.
 */
import { sha256Hex } from '../crypto/hash'
import { randomSecret } from '../crypto/random'
import type { Db } from '../db/client'
import { readThrough } from '../db/read-through'
import { findActiveApiKeyByHash } from '../db/repos/api-keys'
import type { Mode, Principal } from './principal'

const KEY_PATTERN = /^gpk_(test|live)_[0-9A-Za-z]{43}$/
const KV_PREFIX = 'apikey:'
const KV_TTL_SECONDS = 3600
const KV_CACHE_TTL_SECONDS = 60

export const looksLikeApiKey = (value: string) => value.startsWith('gpk_')

export function generateApiKey(mode: Mode) {
  const key = `gpk_${mode}_${randomSecret()}`
  return { key, displayPrefix: `${key.slice(0, 13)}…`, last4: key.slice(-4) }
}

export const hashApiKey = (key: string) => sha256Hex(key)

interface CachedKey {
  id: string
  tenantId: string
  mode: Mode
}

export async function authenticateApiKey(
  deps: { db: Db; kv: KVNamespace },
  key: string
): Promise<Principal | undefined> {
  if (!KEY_PATTERN.test(key)) return undefined
  const hash = await hashApiKey(key)
  const cached = await readThrough(
    deps.kv,
    `${KV_PREFIX}${hash}`,
    async () => {
      const row = await findActiveApiKeyByHash(deps.db, hash)
      if (!row) return null
      const entry: CachedKey = { id: row.id, tenantId: row.tenantId, mode: row.mode }
      return JSON.stringify(entry)
    },
    { expirationTtl: KV_TTL_SECONDS, cacheTtl: KV_CACHE_TTL_SECONDS }
  )
  if (cached === null) return undefined
  const found = JSON.parse(cached) as CachedKey
  return {
    tenantId: found.tenantId,
    role: 'tenant',
    subject: found.id,
    via: 'api_key',
    mode: found.mode,
  }
}

export const forgetApiKey = (kv: KVNamespace, keyHash: string) =>
  kv.delete(`${KV_PREFIX}${keyHash}`)
