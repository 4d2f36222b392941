import { describe, expect, it } from 'vitest'
import { call, nextIp } from '../helpers/http'

interface Session {
  success: true
  token: string
  refreshToken: string
  expiresAt: string
  tenantId: string
}

const ip = nextIp()
const admin = { username: 'admin', password: 'securepassword123' }

describe('the GoPay README walkthrough', () => {
  it('registers the first user as administrator, signs in and configures a provider', async () => {
    const registered = await call('POST', '/v1/auth/register', { body: admin, ip })
    expect(registered.status).toBe(201)
    expect(registered.body).toMatchObject({ success: true, username: 'admin', role: 'admin' })

    const login = await call<Session>('POST', '/v1/auth/login', { body: admin, ip })
    expect(login.status).toBe(200)
    expect(login.body.tenantId).toBe(registered.body.tenantId)
    expect(login.body.token.split('.')).toHaveLength(3)
    expect(login.body.refreshToken).toMatch(/^gprt_[0-9A-Za-z]{43}$/)
    const expiresIn = Date.parse(login.body.expiresAt) - Date.now()
    expect(expiresIn).toBeGreaterThan(14 * 60 * 1000)
    expect(expiresIn).toBeLessThanOrEqual(15 * 60 * 1000)

    const configured = await call('POST', '/v1/config/tenant', {
      token: login.body.token,
      body: {
        provider: 'iyzico',
        environment: 'test',
        configs: [
          { key: 'apiKey', value: 'sandbox-afXhZPW0MQlE4dCUUlHcEopnMBgXnAZI' },
          { key: 'secretKey', value: 'sandbox-wbwpzKIiplZxI3hh5ALI4FJyAcZKL6Hs' },
        ],
      },
    })
    expect(configured.status).toBe(200)
    expect(configured.body).toMatchObject({
      success: true,
      config: {
        provider: 'iyzico',
        environment: 'test',
        configs: [
          { key: 'apiKey', value: 'sand…AZI' },
          { key: 'secretKey', value: 'sand…6Hs' },
        ],
      },
    })
  })
})

describe('sessions', () => {
  it('refreshes into a new pair whose access token works', async () => {
    const login = await call<Session>('POST', '/v1/auth/login', { body: admin, ip })
    const refreshed = await call<Session>('POST', '/v1/auth/refresh', {
      body: { refreshToken: login.body.refreshToken },
      ip,
    })
    expect(refreshed.status).toBe(200)
    expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken)
    const keys = await call('GET', '/v1/auth/api-keys', { token: refreshed.body.token })
    expect(keys.status).toBe(200)
  })

  it('lets the administrator create tenants whose users sign in to their own tenant', async () => {
    const login = await call<Session>('POST', '/v1/auth/login', { body: admin, ip })
    const created = await call('POST', '/v1/auth/create-tenant', {
      token: login.body.token,
      body: { username: 'Merchant-One', password: 'another good passphrase' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ success: true, username: 'merchant-one', role: 'tenant' })
    expect(created.body.tenantId).not.toBe(login.body.tenantId)

    const merchant = await call<Session>('POST', '/v1/auth/login', {
      body: { username: 'merchant-one', password: 'another good passphrase' },
      ip,
    })
    expect(merchant.status).toBe(200)
    expect(merchant.body.tenantId).toBe(created.body.tenantId)
  })

  it('signs in with the username in any case', async () => {
    const login = await call('POST', '/v1/auth/login', {
      body: { ...admin, username: 'ADMIN' },
      ip,
    })
    expect(login.status).toBe(200)
  })
})
