/**
 * `GET /v1/logs/{provider}`: a tenant's provider calls, masked, each tied to the request that
 * made it; filtered, paged, confined to the tenant and the API key's mode; kept for the retention
 * period and deleted by the cron after it.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src/domain/ids'
import { runCron } from '../helpers/cron'
import { call, type ErrorBody } from '../helpers/http'
import { card, createPayingTenant, pay } from '../helpers/payments'
import { createApiKey } from '../helpers/tenant'

interface LoggedCall {
  id: string
  paymentId: string | null
  requestId: string | null
  environment: string | null
  operation: string
  outcome: string
  httpStatus: number | null
  request: { method: string; url: string; body: string | null }
  response: string | null
}
type Page = { data: LoggedCall[]; nextCursor: string | null }

describe('provider logs', () => {
  it('show each call masked, tied to the request that made it', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant, { cardInfo: card('4242424242424242', '737') })
    const res = await call<Page>('GET', '/v1/logs/sandbox', { token: tenant.token })
    expect(res.status).toBe(200)
    const [logged] = res.body.data
    expect(logged).toMatchObject({
      paymentId: paid.body.paymentId,
      requestId: paid.headers.get('X-Request-Id'),
      environment: 'test',
      operation: 'create',
      outcome: 'succeeded',
      httpStatus: 200,
      request: { method: 'POST', url: expect.stringContaining('/sandbox/api/v1/charges') },
    })
    const text = JSON.stringify(res.body)
    expect(text).not.toContain('4242424242424242')
    expect(text).toContain('424242******4242')
    expect(text).not.toContain('"737"')
    const byRequest = await call<Page>(
      'GET',
      `/v1/logs/sandbox?requestId=${paid.headers.get('X-Request-Id')}`,
      { token: tenant.token }
    )
    expect(byRequest.body.data.map((c) => c.id)).toEqual([logged!.id])
  })

  it('filter by payment, errors and status, and page with a cursor', async () => {
    const tenant = await createPayingTenant()
    const good = await pay(tenant)
    const declined = await pay(tenant, { cardInfo: card('4000000000000002') })
    await pay(tenant)
    const get = (query: string) =>
      call<Page>('GET', `/v1/logs/sandbox?${query}`, { token: tenant.token })
    const forGood = await get(`paymentId=${good.body.paymentId}`)
    expect(forGood.body.data.map((c) => c.paymentId)).toEqual([good.body.paymentId])
    const errors = await get('errorsOnly=true')
    expect(errors.body.data.map((c) => c.paymentId)).toEqual([declined.body.paymentId])
    expect((await get('status=200')).body.data).toHaveLength(3)
    expect((await get('status=500')).body.data).toHaveLength(0)
    const first = await get('limit=2')
    expect(first.body.data).toHaveLength(2)
    const second = await get(`limit=2&cursor=${first.body.nextCursor}`)
    expect(second.body.data).toHaveLength(1)
    expect(second.body.nextCursor).toBeNull()
    const later = await get(`from=${new Date(Date.now() + 60_000).toISOString()}`)
    expect(later.body.data).toHaveLength(0)
  })

  it('keep tenants and modes apart, and name unknown providers', async () => {
    const tenant = await createPayingTenant()
    await pay(tenant)
    const other = await createPayingTenant()
    const theirs = await call<Page>('GET', '/v1/logs/sandbox', { token: other.token })
    expect(theirs.body.data).toEqual([])
    const { key } = await createApiKey(tenant, 'test')
    expect((await call<Page>('GET', '/v1/logs/sandbox', { token: key })).body.data).toHaveLength(1)
    const live = await call<ErrorBody>('GET', '/v1/logs/sandbox?environment=production', {
      token: key,
    })
    expect(live.status).toBe(403)
    const unknown = await call<ErrorBody>('GET', '/v1/logs/nope', { token: tenant.token })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('provider_not_found')
  })

  it('are deleted by the cron once older than the retention period', async () => {
    const tenant = await createPayingTenant()
    await pay(tenant)
    const old = Date.now() - 31 * 24 * 60 * 60 * 1000
    await env.DB.prepare(
      `INSERT INTO provider_logs (id, tenant_id, provider, operation, outcome, latency_ms, created_at)
       VALUES (?, ?, 'sandbox', 'status', 'succeeded', 5, ?)`
    )
      .bind(newId('providerLog', old), tenant.tenantId, old)
      .run()
    const before = await call<Page>('GET', '/v1/logs/sandbox', { token: tenant.token })
    expect(before.body.data).toHaveLength(2)
    await runCron()
    const after = await call<Page>('GET', '/v1/logs/sandbox', { token: tenant.token })
    expect(after.body.data.map((c) => c.operation)).toEqual(['create'])
  })
})
