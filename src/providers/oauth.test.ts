import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { loadKeyring } from '../crypto/keyring'
import { newId } from '../domain/ids'
import type { SendResult } from './http'
import { withAccessToken } from './oauth'
import { accessTokenCache, EXPIRY_MARGIN_SECONDS } from './token-cache'
import type { ProviderDeps } from './types'

async function sealingKey() {
  const keyring = loadKeyring(env.CONFIG_ENCRYPTION_KEY)
  if (typeof keyring === 'string') throw new Error(`test key ${keyring}`)
  return (await keyring).providerConfig
}

async function depsAt(clock: { now: number }, credentials = { clientSecret: 's3cret' }) {
  const scope = { tenantId: newId('tenant'), provider: 'gopay', environment: 'test' as const }
  const tokens = accessTokenCache(
    { kv: env.KV, sealingKey: await sealingKey(), now: () => clock.now },
    { ...scope, credentials }
  )
  const deps: ProviderDeps = { fetch, now: () => clock.now, tokens }
  return { deps, scope }
}

const answer = (status: number): SendResult => ({
  ok: true,
  status,
  headers: new Headers(),
  text: '',
})

function issuer(expiresInSeconds = 1800) {
  let issued = 0
  return {
    get issued() {
      return issued
    },
    issue: async () => ({
      token: { accessToken: `token-${++issued}`, expiresInSeconds },
    }),
  }
}

describe('provider access tokens', () => {
  it('asks for a token once and reuses it until shortly before it expires', async () => {
    const clock = { now: 1_800_000_000_000 }
    const { deps } = await depsAt(clock)
    const tokens = issuer(1800)
    const used: string[] = []
    const call = async (token: string) => {
      used.push(token)
      return answer(200)
    }
    for (let i = 0; i < 20; i++) await withAccessToken(deps, 'payment-all', tokens.issue, call)
    expect(tokens.issued).toBe(1)
    clock.now += (1800 - EXPIRY_MARGIN_SECONDS) * 1000
    await withAccessToken(deps, 'payment-all', tokens.issue, call)
    expect(tokens.issued).toBe(2)
    expect(used.at(-1)).toBe('token-2')
  })

  it('keeps one token per scope', async () => {
    const clock = { now: 1_800_000_000_000 }
    const { deps } = await depsAt(clock)
    const tokens = issuer()
    const ok = async () => answer(200)
    await withAccessToken(deps, 'payment-create', tokens.issue, ok)
    await withAccessToken(deps, 'payment-all', tokens.issue, ok)
    await withAccessToken(deps, 'payment-create', tokens.issue, ok)
    expect(tokens.issued).toBe(2)
  })

  it('fetches a new token once when the provider refuses a cached one', async () => {
    const clock = { now: 1_800_000_000_000 }
    const { deps } = await depsAt(clock)
    const tokens = issuer()
    await withAccessToken(deps, 'payment-all', tokens.issue, async () => answer(200))
    const seen: string[] = []
    const result = await withAccessToken(deps, 'payment-all', tokens.issue, async (token) => {
      seen.push(token)
      return answer(token === 'token-1' ? 401 : 200)
    })
    expect(seen).toEqual(['token-1', 'token-2'])
    expect(result).toMatchObject({ status: 200 })
  })

  it('passes on a refusal of a fresh token without asking again', async () => {
    const clock = { now: 1_800_000_000_000 }
    const { deps } = await depsAt(clock)
    const tokens = issuer()
    const result = await withAccessToken(deps, 'payment-all', tokens.issue, async () => answer(403))
    expect(result).toMatchObject({ status: 403 })
    expect(tokens.issued).toBe(1)
  })

  it('passes on a failed token request as the answer', async () => {
    const clock = { now: 1_800_000_000_000 }
    const { deps } = await depsAt(clock)
    const failed = answer(401)
    const result = await withAccessToken(
      deps,
      'payment-all',
      async () => ({ failed }),
      async () => answer(200)
    )
    expect(result).toBe(failed)
  })

  it('keeps tokens sealed in KV and apart for other credentials', async () => {
    const clock = { now: 1_800_000_000_000 }
    const first = await depsAt(clock)
    await first.deps.tokens.put('payment-all', 'bearer-in-clear', 1800)
    const listed = await env.KV.list({ prefix: `oauth:${first.scope.tenantId}:` })
    expect(listed.keys).toHaveLength(1)
    const stored = await env.KV.get(listed.keys[0]!.name)
    expect(stored).not.toContain('bearer-in-clear')
    const rotated = accessTokenCache(
      { kv: env.KV, sealingKey: await sealingKey(), now: () => clock.now },
      { ...first.scope, credentials: { clientSecret: 'rotated' } }
    )
    expect(await rotated.get('payment-all')).toBeUndefined()
  })
})
