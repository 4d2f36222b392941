/**
 * Walks the whole route table: every route has a declared rule, and each rule holds when called
 * with no credentials, an API key, a tenant user's token and the administrator's token.
 */
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { ROUTE_ACCESS } from '../../src/http/access'
import { call } from '../helpers/http'
import { createApiKey, createTestTenant } from '../helpers/tenant'

const app = createApp()
const routes = app.routes.filter((r) => r.method !== 'ALL')
const concretePath = (path: string) => path.replace(/:(\w+)/g, 'x_$1')

describe('the route table', () => {
  it('declares an access rule for every route, and only for routes that exist', () => {
    const declared = new Set(ROUTE_ACCESS.map((r) => `${r.method} ${r.path}`))
    const actual = new Set(routes.map((r) => `${r.method} ${r.path}`))
    expect([...actual].filter((r) => !declared.has(r))).toEqual([])
    expect([...declared].filter((r) => !actual.has(r))).toEqual([])
  })

  it('documents every API route in the OpenAPI description with its rule', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { 'x-access'?: string }>> }>(
      'GET',
      '/openapi.json'
    )
    for (const rule of ROUTE_ACCESS.filter(
      (r) => r.path.startsWith('/v1/') || r.path === '/health'
    )) {
      const path = rule.path.replace(/:(\w+)/g, '{$1}')
      expect(
        doc.body.paths[path]?.[rule.method.toLowerCase()]?.['x-access'],
        `${rule.method} ${path}`
      ).toBe(rule.access)
    }
  })

  it('enforces each rule for anonymous callers, API keys, tenant users and the administrator', async () => {
    const admin = await createTestTenant('admin')
    const tenant = await createTestTenant()
    const { key } = await createApiKey(tenant)
    for (const { method, path, access } of ROUTE_ACCESS) {
      if (access === 'public') continue
      const url = concretePath(path)
      const label = `${method} ${path}`
      const anonymous = await call(method, url)
      expect(anonymous.status, `${label} anonymous`).toBe(401)
      const viaKey = await call(method, url, { token: key })
      if (access === 'tenant') expect(viaKey.status, `${label} api key`).not.toBe(401)
      else expect(viaKey.status, `${label} api key`).toBe(403)
      const viaTenant = await call(method, url, { token: tenant.token })
      if (access === 'admin') expect(viaTenant.status, `${label} tenant`).toBe(403)
      else expect([401, 403], `${label} tenant`).not.toContain(viaTenant.status)
      const viaAdmin = await call(method, url, { token: admin.token })
      expect([401, 403], `${label} admin`).not.toContain(viaAdmin.status)
    }
  })
})
