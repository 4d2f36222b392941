/**
 * The administrator suspends a tenant or a user: from the next request on, its access tokens, API
 * keys, refresh tokens and sign-ins are refused with 403 account_suspended; lifting it restores
 * them. Others are untouched, and the administrator cannot lock itself out.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { call, type ErrorBody, nextIp } from '../helpers/http'
import { createApiKey, createTestTenant, type TestTenant } from '../helpers/tenant'

/** The gateway has one administrator, made once for this file. */
let administrator: Promise<TestTenant> | undefined
const admin = () => {
  administrator ??= createTestTenant('admin')
  return administrator
}

const suspend = (by: TestTenant, path: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  call<{ suspended: boolean } & ErrorBody>(method, `/v1/admin/${path}/suspension`, {
    token: by.token,
  })

const read = (token: string) => call<ErrorBody>('GET', '/v1/payments', { token })

describe('suspensions', () => {
  it("refuses a suspended tenant's access tokens and API keys from the next request, and lifts", async () => {
    const administrator = await admin()
    const tenant = await createTestTenant()
    const { key } = await createApiKey(tenant)
    expect((await read(tenant.token)).status).toBe(200)
    expect((await read(key)).status).toBe(200)

    const suspended = await suspend(administrator, `tenants/${tenant.tenantId}`)
    expect(suspended.status).toBe(200)
    expect(suspended.body.suspended).toBe(true)
    for (const token of [tenant.token, key]) {
      const refused = await read(token)
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('account_suspended')
    }
    // Every authenticated route, not only payments.
    expect((await call('GET', '/v1/config/webhooks', { token: tenant.token })).status).toBe(403)

    const other = await createTestTenant()
    expect((await read(other.token)).status).toBe(200)

    expect((await suspend(administrator, `tenants/${tenant.tenantId}`, 'DELETE')).status).toBe(200)
    expect((await read(tenant.token)).status).toBe(200)
    expect((await read(key)).status).toBe(200)
  })

  it('refuses a suspended user its tokens, refreshes and sign-ins, and nobody else', async () => {
    const administrator = await admin()
    const username = `merchant-${crypto.randomUUID().slice(0, 8)}`
    const password = 'violet tractor pickle sunrise'
    const created = await call<{ tenantId: string }>('POST', '/v1/auth/create-tenant', {
      token: administrator.token,
      body: { username, password },
    })
    expect(created.status).toBe(201)
    const ip = nextIp()
    const login = () =>
      call<{ token: string; refreshToken: string } & ErrorBody>('POST', '/v1/auth/login', {
        body: { username, password },
        ip,
      })
    const signedIn = await login()
    expect(signedIn.status).toBe(200)
    const user = await env.DB.prepare('SELECT id FROM users WHERE username = ?')
      .bind(username)
      .first<{ id: string }>()
    const tenant = {
      tenantId: created.body.tenantId,
      userId: user!.id,
      username,
      token: signedIn.body.token,
    }
    const { key } = await createApiKey(tenant)

    expect((await suspend(administrator, `users/${tenant.userId}`)).status).toBe(200)
    expect((await read(tenant.token)).status).toBe(403)
    const refreshed = await call<ErrorBody>('POST', '/v1/auth/refresh', {
      body: { refreshToken: signedIn.body.refreshToken },
      ip,
    })
    expect(refreshed.status).toBe(403)
    expect(refreshed.body.error.code).toBe('account_suspended')
    const again = await login()
    expect(again.status).toBe(403)
    expect(again.body.error.code).toBe('account_suspended')
    // The tenant's API keys belong to the tenant, not to the user.
    expect((await read(key)).status).toBe(200)

    expect((await suspend(administrator, `users/${tenant.userId}`, 'DELETE')).status).toBe(200)
    expect((await read(tenant.token)).status).toBe(200)
    expect((await login()).status).toBe(200)
  })

  it('is for the administrator only, who cannot suspend itself or its tenant', async () => {
    const administrator = await admin()
    const tenant = await createTestTenant()
    expect((await suspend(tenant, `tenants/${administrator.tenantId}`)).status).toBe(403)
    expect((await suspend(administrator, `tenants/${administrator.tenantId}`)).status).toBe(403)
    expect((await suspend(administrator, `users/${administrator.userId}`)).status).toBe(403)
    expect((await suspend(administrator, 'tenants/ten_01M8NTXDM0QAZNAGWKN4CZ86S9')).status).toBe(
      404
    )
    expect((await suspend(administrator, 'users/usr_01M8NTXDM0QAZNAGWKN4CZ86S9')).status).toBe(404)
    expect((await read(administrator.token)).status).toBe(200)
  })

  it('deletes a user for the administrator only: its sessions end and its unexpired token is refused', async () => {
    const administrator = await admin()
    const tenant = await createTestTenant()
    const other = await createTestTenant()
    const remove = (by: TestTenant, userId: string) =>
      call<ErrorBody>('DELETE', `/v1/admin/users/${userId}`, { token: by.token })
    expect((await remove(other, tenant.userId)).status).toBe(403)
    expect((await remove(administrator, administrator.userId)).status).toBe(403)
    expect((await remove(administrator, 'usr_01M8NTXDM0QAZNAGWKN4CZ86S9')).status).toBe(404)

    expect((await remove(administrator, tenant.userId)).status).toBe(200)
    const refused = await read(tenant.token)
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('account_suspended')
    expect((await remove(administrator, tenant.userId)).status).toBe(404)
    expect((await read(other.token)).status).toBe(200)
  })
})
