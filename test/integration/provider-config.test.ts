import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../src/index'
import { call, type ErrorBody, GATEWAY } from '../helpers/http'
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
    expect(row!.sealed_config).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/)
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
