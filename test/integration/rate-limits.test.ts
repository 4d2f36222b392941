import { describe, expect, it } from 'vitest'
import type { ErrorBody } from '../helpers/http'
import { callWithEnv, createPayingTenant, paymentBody } from '../helpers/payments'

const tight = callWithEnv({
  TENANT_PAYMENT_RATE_LIMIT: '3',
  TENANT_STATUS_RATE_LIMIT: '4',
  TENANT_GLOBAL_RATE_LIMIT: '100',
  TENANT_RATE_LIMIT_BURST: '2',
})

describe('per-tenant rate limits', () => {
  it('accepts the limit plus the burst, then answers 429 with Retry-After and RateLimit headers', async () => {
    const tenant = await createPayingTenant()
    const statuses: number[] = []
    let last: Awaited<ReturnType<typeof tight<ErrorBody>>> | undefined
    for (let i = 0; i < 6; i++) {
      last = await tight<ErrorBody>('POST', '/v1/payments/sandbox', {
        token: tenant.token,
        body: paymentBody(),
      })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429])
    expect(last!.body.error.code).toBe('rate_limited')
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(last!.headers.get('RateLimit-Limit')).toBe('5')
    expect(last!.headers.get('RateLimit-Remaining')).toBe('0')
  })

  it('counts each action apart and reports what is left', async () => {
    const tenant = await createPayingTenant()
    const first = await tight('GET', '/v1/payments', { token: tenant.token })
    expect(first.status).toBe(200)
    expect(first.headers.get('RateLimit-Limit')).toBe('6')
    expect(first.headers.get('RateLimit-Remaining')).toBe('5')
    // Never more left than the limit says, from the first request on.
    expect(Number(first.headers.get('RateLimit-Remaining'))).toBeLessThan(6)
    for (let i = 0; i < 5; i++) await tight('GET', '/v1/payments', { token: tenant.token })
    expect((await tight('GET', '/v1/payments', { token: tenant.token })).status).toBe(429)
    // payments have their own bucket
    expect(
      (await tight('POST', '/v1/payments/sandbox', { token: tenant.token, body: paymentBody() }))
        .status
    ).toBe(201)
  })

  it('keeps tenants apart', async () => {
    const a = await createPayingTenant()
    const b = await createPayingTenant()
    for (let i = 0; i < 6; i++) await tight('GET', '/v1/payments', { token: a.token })
    expect((await tight('GET', '/v1/payments', { token: a.token })).status).toBe(429)
    expect((await tight('GET', '/v1/payments', { token: b.token })).status).toBe(200)
  })

  it('counts every authenticated route against the global bucket, with RateLimit headers', async () => {
    const tenant = await createPayingTenant()
    const globalOnly = callWithEnv({ TENANT_GLOBAL_RATE_LIMIT: '3', TENANT_RATE_LIMIT_BURST: '2' })
    const replay = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }
    const routes = [
      ['POST', '/v1/webhooks/deliveries/replay', replay],
      ['GET', '/v1/config/webhooks', undefined],
      ['GET', '/v1/config/risk', undefined],
      ['GET', '/v1/auth/api-keys', undefined],
    ] as const
    for (const [method, path, body] of routes) {
      const answer = await globalOnly(method, path, { token: tenant.token, body })
      expect(answer.status, path).toBeLessThan(300)
      expect(answer.headers.get('RateLimit-Limit')).toBe('5')
      expect(Number(answer.headers.get('RateLimit-Remaining'))).toBeLessThan(5)
    }
    const statuses = []
    for (let i = 0; i < 2; i++)
      statuses.push(
        (
          await globalOnly('POST', '/v1/webhooks/deliveries/replay', {
            token: tenant.token,
            body: replay,
          })
        ).status
      )
    expect(statuses).toContain(429)
  })
})
