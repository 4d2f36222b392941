import { describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { createApiKey, createTestTenant } from '../helpers/tenant'

interface Created {
  secret: string
  endpoint: { id: string; url: string; mode: string; events: string[] | null; status: string }
}

describe('webhook endpoints', () => {
  it('shows the signing secret once, then lists the endpoint without it', async () => {
    const tenant = await createTestTenant()
    const created = await call<Created>('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: {
        url: 'https://shop.example.com/hooks',
        mode: 'live',
        events: ['payment.succeeded'],
        description: 'orders',
      },
    })
    expect(created.status).toBe(201)
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/)
    expect(created.body.endpoint).toMatchObject({
      mode: 'live',
      events: ['payment.succeeded'],
      status: 'enabled',
    })
    const list = await call<{ data: unknown[] }>('GET', '/v1/config/webhooks', {
      token: tenant.token,
    })
    expect(list.body.data).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret)
  })

  it('rotates the secret', async () => {
    const tenant = await createTestTenant()
    const created = await call<Created>('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: { url: 'https://shop.example.com/hooks' },
    })
    const rotated = await call<Created>(
      'POST',
      `/v1/config/webhooks/${created.body.endpoint.id}/rotate`,
      { token: tenant.token }
    )
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).not.toBe(created.body.secret)
  })

  it.each([
    ['http://shop.example.com/hooks', 'live'],
    ['http://localhost:3000/hooks', 'live'],
    ['https://10.0.0.5/hooks', 'live'],
    ['https://169.254.169.254/latest', 'live'],
    ['https://[::1]/hooks', 'live'],
    ['https://printer.local/hooks', 'live'],
    ['not a url', 'test'],
  ])('refuses %s for a %s endpoint with 422', async (url, mode) => {
    const tenant = await createTestTenant()
    const res = await call<ErrorBody>('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: { url, mode },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('invalid_webhook_url')
  })

  it('accepts http://localhost for test endpoints', async () => {
    const tenant = await createTestTenant()
    const res = await call('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: { url: 'http://localhost:4000/hooks', mode: 'test' },
    })
    expect(res.status).toBe(201)
  })

  it("keeps tenants apart: another tenant's endpoint is a 404", async () => {
    const owner = await createTestTenant()
    const other = await createTestTenant()
    const created = await call<Created>('POST', '/v1/config/webhooks', {
      token: owner.token,
      body: { url: 'https://shop.example.com/h' },
    })
    const id = created.body.endpoint.id
    expect((await call('DELETE', `/v1/config/webhooks/${id}`, { token: other.token })).status).toBe(
      404
    )
    expect(
      (await call('POST', `/v1/config/webhooks/${id}/rotate`, { token: other.token })).status
    ).toBe(404)
    expect((await call('DELETE', `/v1/config/webhooks/${id}`, { token: owner.token })).status).toBe(
      200
    )
    const list = await call<{ data: unknown[] }>('GET', '/v1/config/webhooks', {
      token: owner.token,
    })
    expect(list.body.data).toEqual([])
  })

  it('needs a signed-in user, not an API key', async () => {
    const tenant = await createTestTenant()
    const { key } = await createApiKey(tenant)
    const res = await call('POST', '/v1/config/webhooks', {
      token: key,
      body: { url: 'https://shop.example.com/h' },
    })
    expect(res.status).toBe(403)
  })
})
