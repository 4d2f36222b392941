/**
 * @module Provider OAuth access tokens per tenant, provider, environment and scope: an isolate
 * cache in front of KV, where the token is sealed (AES-256-GCM under the provider-config key,
 * bound to its KV key), since a bearer token is a credential for as long as it lives. Tokens are
 * kept until `EXPIRY_MARGIN_SECONDS` before the provider's expiry. The key carries a digest of the
 * credentials, so a tenant that changes its client secret never gets a token of the old one.
 */
import { open, seal } from '../crypto/aes-gcm'
import { sha256Hex } from '../crypto/hash'
import type { AccessTokenCache, Environment } from './types'

/** A token is refreshed this long before the provider says it expires (clock skew, slow calls). */
export const EXPIRY_MARGIN_SECONDS = 60
/** KV refuses shorter lifetimes; tokens that expire sooner stay in the isolate only. */
const KV_MIN_TTL_SECONDS = 60

const isolateTokens = new Map<string, { token: string; expiresAt: number }>()

/** Empties the isolate's cache, as a new isolate starts: its tokens then come from KV. */
export const forgetIsolateTokens = () => isolateTokens.clear()

export interface TokenCacheDeps {
  kv: KVNamespace
  sealingKey: CryptoKey
  now: () => number
}

export function accessTokenCache(
  deps: TokenCacheDeps,
  scope: {
    tenantId: string
    provider: string
    environment: Environment
    credentials: Record<string, string>
  }
): AccessTokenCache {
  let digest: Promise<string> | undefined
  const keyOf = async (tokenScope: string) => {
    digest ??= sha256Hex(JSON.stringify(Object.entries(scope.credentials).sort()))
    const credentials = (await digest).slice(0, 16)
    return `oauth:${scope.tenantId}:${scope.provider}:${scope.environment}:${tokenScope}:${credentials}`
  }
  return {
    async get(tokenScope) {
      const key = await keyOf(tokenScope)
      const held = isolateTokens.get(key)
      if (held && held.expiresAt > deps.now()) return held.token
      const sealed = await deps.kv.get<{ sealed: string; expiresAt: number }>(key, 'json')
      if (!sealed || sealed.expiresAt <= deps.now()) return undefined
      try {
        const token = await open(deps.sealingKey, sealed.sealed, key)
        isolateTokens.set(key, { token, expiresAt: sealed.expiresAt })
        return token
      } catch {
        return undefined
      }
    },
    async put(tokenScope, token, expiresInSeconds) {
      const lifetimeSeconds = expiresInSeconds - EXPIRY_MARGIN_SECONDS
      if (lifetimeSeconds <= 0) return
      const key = await keyOf(tokenScope)
      const expiresAt = deps.now() + lifetimeSeconds * 1000
      isolateTokens.set(key, { token, expiresAt })
      if (lifetimeSeconds < KV_MIN_TTL_SECONDS) return
      const sealed = await seal(deps.sealingKey, token, key)
      await deps.kv.put(key, JSON.stringify({ sealed, expiresAt }), {
        expirationTtl: lifetimeSeconds,
      })
    },
    async drop(tokenScope) {
      const key = await keyOf(tokenScope)
      isolateTokens.delete(key)
      await deps.kv.delete(key)
    },
  }
}
