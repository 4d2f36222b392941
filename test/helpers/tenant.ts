/**
 * Test tenants: rows written straight to D1 and access tokens minted with the gateway's own
 * signing keys, so tests that are not about sign-in skip the (deliberately slow) password hash.
 */
import { env } from 'cloudflare:workers'
import { issueAccessToken, tokenIssuerFor } from '../../src/auth/access-tokens'
import { DUMMY_PASSWORD_HASH } from '../../src/auth/passwords'
import type { Role } from '../../src/auth/principal'
import { loadKeyring } from '../../src/crypto/keyring'
import { createDb } from '../../src/db/client'
import { createTenantWithUser } from '../../src/db/repos/users'
import { newId } from '../../src/domain/ids'
import { servicesOf } from '../../src/services'
import { call } from './http'

export interface TestTenant {
  tenantId: string
  userId: string
  username: string
  token: string
}

export async function signingDeps() {
  const keyring = loadKeyring(env.CONFIG_ENCRYPTION_KEY)
  if (typeof keyring === 'string') throw new Error(`test key ${keyring}`)
  // The Worker's own KV handle: the signing-key cache is kept per handle, and a test that rotates
  // keys must reach the cache the Worker reads.
  return {
    db: createDb(env.DB),
    kv: servicesOf(env).kv,
    sealingKey: (await keyring).signingKeys,
    now: () => Date.now(),
  }
}

export async function mintToken(user: { userId: string; tenantId: string; role: Role }) {
  const { token } = await issueAccessToken(await signingDeps(), tokenIssuerFor(env.APP_URL), user)
  return token
}

/** A fresh tenant with one user (a tenant user unless `role` says admin). */
export async function createTestTenant(role: Role = 'tenant'): Promise<TestTenant> {
  const tenantId = newId('tenant')
  const userId = newId('user')
  const username = `user-${userId.slice(-10).toLowerCase()}`
  await createTenantWithUser(createDb(env.DB), {
    tenantId,
    tenantName: username,
    userId,
    username,
    passwordHash: DUMMY_PASSWORD_HASH,
    role,
    now: Date.now(),
  })
  return { tenantId, userId, username, token: await mintToken({ userId, tenantId, role }) }
}

export async function createApiKey(tenant: TestTenant, mode: 'test' | 'live' = 'test') {
  const res = await call<{ key: string; apiKey: { id: string } }>('POST', '/v1/auth/api-keys', {
    token: tenant.token,
    body: { name: 'test key', mode },
  })
  if (res.status !== 201) throw new Error(`api key creation failed: ${JSON.stringify(res.body)}`)
  return { key: res.body.key, id: res.body.apiKey.id }
}
