/**
 * @module The scenario's accounts: the administrator and a merchant signing up and in with
 * passwords (one wrong, one typed into the username field, one too weak), refresh tokens, webhook
 * endpoints whose secrets are shown once and rotated, and every route that reads stored data back.
 */
import { expect } from 'vitest'
import { call, nextIp } from '../helpers/http'
import type { TestTenant } from '../helpers/tenant'
import { endpointFor } from '../helpers/webhooks'
import { PASSWORDS, type Planted } from './planted'

interface Session {
  token: string
  refreshToken: string
}

const login = (username: string, password: string) =>
  call<Session>('POST', '/v1/auth/login', { body: { username, password }, ip: nextIp() })

/** The administrator registers and creates the merchant, who signs in: the merchant's tenant. */
export async function signUpAndIn(planted: Planted): Promise<TestTenant> {
  for (const [label, value] of Object.entries(PASSWORDS)) planted.secret(`${label} password`, value)
  const registered = await call('POST', '/v1/auth/register', {
    body: { username: 'admin', password: PASSWORDS.admin },
    ip: nextIp(),
  })
  expect(registered.status, JSON.stringify(registered.body)).toBe(201)
  const admin = await login('admin', PASSWORDS.admin)
  expect(admin.status).toBe(200)
  planted.revealed('admin refresh token', admin.body.refreshToken)
  expect((await login('admin', PASSWORDS.wrong)).status).toBe(401)
  expect((await login(PASSWORDS.inUsernameField, 'admin')).status).toBe(401)

  const username = 'canary-merchant'
  const weak = `${username}-${PASSWORDS.merchant.slice(-6)}`
  planted.secret('weak password', weak)
  const createTenant = (password: string) =>
    call<{ tenantId: string }>('POST', '/v1/auth/create-tenant', {
      token: admin.body.token,
      body: { username, password },
    })
  expect((await createTenant(weak)).status).toBe(422)
  const created = await createTenant(PASSWORDS.merchant)
  expect(created.status).toBe(201)
  const merchant = await login(username, PASSWORDS.merchant)
  expect(merchant.status).toBe(200)
  planted.revealed('merchant refresh token', merchant.body.refreshToken)
  const refreshed = await call<Session>('POST', '/v1/auth/refresh', {
    body: { refreshToken: merchant.body.refreshToken },
    ip: nextIp(),
  })
  expect(refreshed.status).toBe(200)
  planted.revealed('refreshed refresh token', refreshed.body.refreshToken)
  return { tenantId: created.body.tenantId, userId: '', username, token: refreshed.body.token }
}

/** An endpoint whose secret is shown at creation, then rotated: each secret is shown once. */
export async function webhookEndpoint(planted: Planted, tenant: TestTenant) {
  const endpoint = await endpointFor(tenant)
  planted.revealed(`webhook secret of ${tenant.tenantId}`, endpoint.secret)
  const rotated = await call<{ secret: string }>(
    'POST',
    `/v1/config/webhooks/${endpoint.id}/rotate`,
    { token: tenant.token }
  )
  expect(rotated.status, JSON.stringify(rotated.body)).toBe(200)
  planted.revealed(`rotated webhook secret of ${tenant.tenantId}`, rotated.body.secret)
}

/** Every route that shows back what was stored: payments, history, logs, config, reports. */
export async function readBack(tenant: TestTenant, provider: string) {
  const { token } = tenant
  const list = await call<{ data: { paymentId: string; provider: string }[] }>(
    'GET',
    '/v1/payments?limit=100',
    { token }
  )
  for (const payment of list.body.data) {
    await call('GET', `/v1/payments/${payment.provider}/${payment.paymentId}`, { token })
    await call('GET', `/v1/payments/${payment.provider}/${payment.paymentId}/history`, { token })
  }
  const today = new Date().toISOString().slice(0, 10)
  for (const path of [
    `/v1/logs/${provider}?limit=100`,
    '/v1/config/tenant',
    '/v1/config/webhooks',
    '/v1/auth/api-keys',
    '/v1/webhooks/deliveries',
    '/v1/analytics/dashboard',
    `/v1/reports?period=daily&from=${today}&to=${today}&timezone=UTC`,
    '/v1/reports/reconciliation',
  ]) {
    await call('GET', path, { token })
  }
}
