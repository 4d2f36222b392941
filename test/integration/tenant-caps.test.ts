/**
 * @module Per-tenant, per-mode caps: 16 webhook endpoints and 20 active API keys. Past the cap a
 * create answers 422 `limit_reached` and writes nothing, even when many creates race.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { createApiKey, createTestTenant, type TestTenant } from '../helpers/tenant'

const ENDPOINT_CAP = 16
const API_KEY_CAP = 20

type Mode = 'test' | 'live'

const createEndpoint = (tenant: TestTenant, mode: Mode = 'test') =>
  call<{ endpoint: { id: string } } & ErrorBody>('POST', '/v1/config/webhooks', {
    token: tenant.token,
    body: { url: 'https://merchant.example/hooks', mode },
  })

const createKey = (tenant: TestTenant, mode: Mode = 'test') =>
  call<ErrorBody>('POST', '/v1/auth/api-keys', {
    token: tenant.token,
    body: { name: 'capped key', mode },
  })

/** Creates `count` endpoints one after the other, each expected to succeed; returns their ids. */
async function fillEndpoints(tenant: TestTenant, count: number) {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const res = await createEndpoint(tenant)
    expect(res.status).toBe(201)
    ids.push(res.body.endpoint.id)
  }
  return ids
}

async function fillKeys(tenant: TestTenant, count: number) {
  const ids: string[] = []
  for (let i = 0; i < count; i++) ids.push((await createApiKey(tenant)).id)
  return ids
}

const countRows = async (sql: string, tenantId: string, mode: Mode) =>
  (await env.DB.prepare(sql).bind(tenantId, mode).first<number>('n')) ?? 0

const endpointRows = (tenantId: string, mode: Mode = 'test') =>
  countRows(
    'SELECT COUNT(*) AS n FROM webhook_endpoints WHERE tenant_id = ? AND mode = ?',
    tenantId,
    mode
  )

const activeKeyRows = (tenantId: string, mode: Mode = 'test') =>
  countRows(
    'SELECT COUNT(*) AS n FROM api_keys WHERE tenant_id = ? AND mode = ? AND revoked_at IS NULL',
    tenantId,
    mode
  )

function expectLimitReached(res: { status: number; body: ErrorBody }, cap: number) {
  expect(res.status).toBe(422)
  expect(res.body.error.code).toBe('limit_reached')
  expect(res.body.error.message).toContain(String(cap))
}

describe('webhook endpoint cap', () => {
  it('allows 16 test endpoints and refuses the 17th with 422 limit_reached', async () => {
    const tenant = await createTestTenant()
    await fillEndpoints(tenant, ENDPOINT_CAP)
    expectLimitReached(await createEndpoint(tenant), ENDPOINT_CAP)
  })

  it('counts per mode: a live endpoint is still allowed at the test cap', async () => {
    const tenant = await createTestTenant()
    await fillEndpoints(tenant, ENDPOINT_CAP)
    expect((await createEndpoint(tenant, 'live')).status).toBe(201)
  })

  it('counts per tenant: another tenant is not affected', async () => {
    const full = await createTestTenant()
    const other = await createTestTenant()
    await fillEndpoints(full, ENDPOINT_CAP)
    expect((await createEndpoint(other)).status).toBe(201)
  })

  it('frees a place when an endpoint is deleted', async () => {
    const tenant = await createTestTenant()
    const [first] = await fillEndpoints(tenant, ENDPOINT_CAP)
    const deleted = await call('DELETE', `/v1/config/webhooks/${first}`, { token: tenant.token })
    expect(deleted.status).toBe(200)
    expect((await createEndpoint(tenant)).status).toBe(201)
    expectLimitReached(await createEndpoint(tenant), ENDPOINT_CAP)
  })

  it('leaves no row behind when it refuses', async () => {
    const tenant = await createTestTenant()
    await fillEndpoints(tenant, ENDPOINT_CAP)
    expectLimitReached(await createEndpoint(tenant), ENDPOINT_CAP)
    expect(await endpointRows(tenant.tenantId)).toBe(ENDPOINT_CAP)
  })

  it('never ends above the cap when 25 creates race', async () => {
    const tenant = await createTestTenant()
    const answers = await Promise.all(Array.from({ length: 25 }, () => createEndpoint(tenant)))
    const statuses = answers.map((a) => a.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(ENDPOINT_CAP)
    expect(statuses.filter((s) => s === 422)).toHaveLength(25 - ENDPOINT_CAP)
    expect(await endpointRows(tenant.tenantId)).toBe(ENDPOINT_CAP)
  })
})

describe('API key cap', () => {
  it('allows 20 active test keys and refuses the 21st with 422 limit_reached', async () => {
    const tenant = await createTestTenant()
    await fillKeys(tenant, API_KEY_CAP)
    expectLimitReached(await createKey(tenant), API_KEY_CAP)
  })

  it('counts per mode: a live key is still allowed at the test cap', async () => {
    const tenant = await createTestTenant()
    await fillKeys(tenant, API_KEY_CAP)
    expect((await createKey(tenant, 'live')).status).toBe(201)
  })

  it('does not count revoked keys', async () => {
    const tenant = await createTestTenant()
    const [first] = await fillKeys(tenant, API_KEY_CAP)
    const revoked = await call('DELETE', `/v1/auth/api-keys/${first}`, { token: tenant.token })
    expect(revoked.status).toBe(200)
    expect((await createKey(tenant)).status).toBe(201)
    expectLimitReached(await createKey(tenant), API_KEY_CAP)
  })

  it('leaves no row behind when it refuses', async () => {
    const tenant = await createTestTenant()
    await fillKeys(tenant, API_KEY_CAP)
    expectLimitReached(await createKey(tenant), API_KEY_CAP)
    expect(await activeKeyRows(tenant.tenantId)).toBe(API_KEY_CAP)
  })

  it('never ends above the cap when 25 creates race', async () => {
    const tenant = await createTestTenant()
    const answers = await Promise.all(Array.from({ length: 25 }, () => createKey(tenant)))
    expect(answers.filter((a) => a.status === 201)).toHaveLength(API_KEY_CAP)
    expect(await activeKeyRows(tenant.tenantId)).toBe(API_KEY_CAP)
  })
})
