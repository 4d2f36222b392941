import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { loadKeyring } from '../../src/crypto/keyring'
import { createDb } from '../../src/db/client'
import worker from '../../src/index'
import { loadCredentials } from '../../src/providers/credentials'
import { call, type ErrorBody, GATEWAY } from '../helpers/http'
import { kvIntercepting } from '../helpers/kv'
import { callWithEnv } from '../helpers/payments'
import { createTestTenant, type TestTenant } from '../helpers/tenant'

const CANARY = 'canary-secret-0123456789-ZYXWVUT'

const iyzico = (secretKey = CANARY) => ({
  provider: 'iyzico',
  environment: 'test',
  configs: [
    { key: 'apiKey', value: 'sandbox-api-key-0000000001' },
    { key: 'secretKey', value: secretKey },
  ],
})

const save = (tenant: TestTenant, body: unknown) =>
  call<ErrorBody>('POST', '/v1/config/tenant', { token: tenant.token, body })

describe('provider configuration', () => {
  it('saves, shows masked and deletes', async () => {
    const tenant = await createTestTenant()
    expect((await save(tenant, iyzico())).status).toBe(200)
    const got = await call<{ data: { configs: { key: string; value: string }[] }[] }>(
      'GET',
      '/v1/config/tenant?provider=iyzico',
      { token: tenant.token }
    )
    expect(got.status).toBe(200)
    expect(got.body.data[0]!.configs).toEqual([
      { key: 'apiKey', value: 'sand…001' },
      { key: 'secretKey', value: 'cana…VUT' },
    ])
    expect(JSON.stringify(got.body)).not.toContain(CANARY)

    const all = await call<{ data: unknown[] }>('GET', '/v1/config/tenant', { token: tenant.token })
    expect(all.body.data).toHaveLength(1)

    const deleted = await call('DELETE', '/v1/config/tenant?provider=iyzico&environment=test', {
      token: tenant.token,
    })
    expect(deleted.status).toBe(200)
    expect(deleted.body).toMatchObject({ provider: 'iyzico', deleted: ['test'] })
    expect(
      (await call('GET', '/v1/config/tenant?provider=iyzico', { token: tenant.token })).status
    ).toBe(404)
  })

  it('replaces the earlier credentials of the same environment', async () => {
    const tenant = await createTestTenant()
    await save(tenant, iyzico('first-secret-value-00001'))
    await save(tenant, iyzico('second-secret-value-0002'))
    const got = await call<{ data: { configs: { value: string }[] }[] }>(
      'GET',
      '/v1/config/tenant?provider=iyzico',
      {
        token: tenant.token,
      }
    )
    expect(got.body.data).toHaveLength(1)
    expect(got.body.data[0]!.configs[1]!.value).toBe('seco…002')
  })

  it('answers 404 listing the known providers for an unknown one', async () => {
    const tenant = await createTestTenant()
    const res = await save(tenant, { ...iyzico(), provider: 'paypalish' })
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('provider_not_found')
    expect(res.body.error.details).toMatchObject({
      knownProviders: expect.arrayContaining(['iyzico', 'stripe', 'sandbox']),
    })
  })

  it('names a missing key with 422', async () => {
    const tenant = await createTestTenant()
    const res = await save(tenant, {
      ...iyzico(),
      configs: [{ key: 'apiKey', value: 'sandbox-api-key' }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('missing_config_key')
    expect(res.body.error.message).toContain('secretKey')
  })

  it('names an unknown key with 422', async () => {
    const tenant = await createTestTenant()
    const body = iyzico()
    const res = await save(tenant, {
      ...body,
      configs: [...body.configs, { key: 'baseUrl', value: 'https://evil.example' }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('unknown_config_key')
    expect(res.body.error.details).toMatchObject({ unknown: ['baseUrl'] })
  })

  it('treats keys named like built-in properties as unknown keys, never a 500', async () => {
    const tenant = await createTestTenant()
    const body = iyzico()
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const res = await save(tenant, { ...body, configs: [...body.configs, { key, value: 'x' }] })
      expect(res.status, key).toBe(422)
      expect(res.body.error.details).toMatchObject({ unknown: [key] })
    }
  })

  it('answers 400 for wrong types and duplicate keys', async () => {
    const tenant = await createTestTenant()
    expect((await save(tenant, { ...iyzico(), environment: 'staging' })).status).toBe(400)
    expect(
      (await save(tenant, { ...iyzico(), configs: [{ key: 'apiKey', value: 5 }] })).status
    ).toBe(400)
    const dup = { ...iyzico(), configs: [...iyzico().configs, { key: 'apiKey', value: 'again' }] }
    expect((await save(tenant, dup)).status).toBe(400)
  })
})

describe('provider configuration cache', () => {
  const kvKeyOf = (tenant: TestTenant) => `cfg:${tenant.tenantId}:iyzico:test`
  const load = async (tenant: TestTenant, kv: KVNamespace = env.KV, now = Date.now()) => {
    const keyring = await loadKeyring(env.CONFIG_ENCRYPTION_KEY)
    if (typeof keyring === 'string') throw new Error(keyring)
    return loadCredentials(
      { db: createDb(env.DB), kv, sealingKey: keyring.providerConfig, now: () => now },
      { tenantId: tenant.tenantId, provider: 'iyzico', environment: 'test' }
    )
  }

  it('is not filled with old credentials by a read that races a save', async () => {
    const tenant = await createTestTenant()
    await save(tenant, iyzico('first-secret-value-00001'))
    // The second save lands between the read's D1 query and its cache write.
    const racing = kvIntercepting('put', async () => {
      expect((await save(tenant, iyzico('second-secret-value-0002'))).status).toBe(200)
    })
    expect((await load(tenant, racing))?.secretKey).toBe('second-secret-value-0002')
    expect(await env.KV.get(kvKeyOf(tenant))).toBeNull()
    const later = Date.now() + 120_000
    expect((await load(tenant, env.KV, later))?.secretKey).toBe('second-secret-value-0002')
  })

  it('is purged by a retried delete after the first purge failed', async () => {
    const tenant = await createTestTenant()
    await save(tenant, iyzico())
    expect((await load(tenant))?.secretKey).toBe(CANARY)
    expect(await env.KV.get(kvKeyOf(tenant))).not.toBeNull()
    const failing = callWithEnv({
      KV: kvIntercepting('delete', async () => {
        throw new Error('KV unavailable')
      }),
    })
    const path = '/v1/config/tenant?provider=iyzico&environment=test'
    expect((await failing('DELETE', path, { token: tenant.token })).status).toBe(500)
    expect(await env.KV.get(kvKeyOf(tenant))).not.toBeNull()
    const retry = await call<ErrorBody>('DELETE', path, { token: tenant.token })
    expect(retry.status).toBe(404)
    expect(await env.KV.get(kvKeyOf(tenant))).toBeNull()
    expect(await load(tenant, env.KV, Date.now() + 120_000)).toBeUndefined()
  })
})

describe('provider configuration security', () => {
  it("keeps tenants apart: another tenant's config is a 404 to read or delete, and untouched by writes", async () => {
    const a = await createTestTenant()
    const b = await createTestTenant()
    await save(b, iyzico('tenant-b-secret-value-0042'))

    expect(
      (await call('GET', '/v1/config/tenant?provider=iyzico', { token: a.token })).status
    ).toBe(404)
    expect(
      (await call('DELETE', '/v1/config/tenant?provider=iyzico', { token: a.token })).status
    ).toBe(404)
    await save(a, iyzico('tenant-a-secret-value-0001'))

    const seenByB = await call<{ data: { configs: { value: string }[] }[] }>(
      'GET',
      '/v1/config/tenant?provider=iyzico',
      {
        token: b.token,
      }
    )
    expect(seenByB.body.data[0]!.configs[1]!.value).toBe('tena…042')
  })

  it('stores only ciphertext: no D1 row or KV value contains the secret', async () => {
    const tenant = await createTestTenant()
    await save(tenant, iyzico())
    const tables = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'"
    ).all<{ name: string }>()
    for (const { name } of tables.results) {
      const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all()
      expect(JSON.stringify(rows.results)).not.toContain(CANARY)
    }
    const kv = await env.KV.list()
    for (const { name } of kv.keys) expect(await env.KV.get(name)).not.toContain(CANARY)
    const row = await env.DB.prepare(
      'SELECT sealed_config FROM provider_configs WHERE tenant_id = ?'
    )
      .bind(tenant.tenantId)
      .first<{ sealed_config: string }>()
    expect(row!.sealed_config).toMatch(/^v2\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
  })

  it('answers 503 on credentialed routes when the encryption key is missing, and /health says why', async () => {
    const tenant = await createTestTenant()
    // A deployment where the secret was never set.
    const envWithoutKey = { ...env, CONFIG_ENCRYPTION_KEY: undefined } as unknown as Env
    const ctx = createExecutionContext()
    const res = await worker.fetch(
      new Request(`${GATEWAY}/v1/config/tenant`, {
        headers: { Authorization: `Bearer ${tenant.token}` },
      }),
      envWithoutKey,
      ctx
    )
    expect(res.status).toBe(503)
    expect(await res.json()).toMatchObject({ error: { code: 'service_not_configured' } })

    const health = await worker.fetch(new Request(`${GATEWAY}/health`), envWithoutKey, ctx)
    expect(health.status).toBe(503)
    const body = await health.json<{
      checks: { encryptionKey: { ok: boolean; problem: string } }
    }>()
    expect(body.checks.encryptionKey).toEqual({
      ok: false,
      problem: expect.stringContaining('missing'),
    })
  })
})
