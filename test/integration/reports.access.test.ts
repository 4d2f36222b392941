/**
 * Who may read `GET /v1/reports` and what it refuses: with 4,000 payments of two tenants stored,
 * a stranger sees none of them, a test API key gets no production figures, a call without
 * credentials gets 401, and bad time zones, dates, ranges and periods get 400 invalid_request.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { call, type ErrorBody } from '../helpers/http'
import { report, seedReportData } from '../helpers/reports'
import { createApiKey, createTestTenant, type TestTenant } from '../helpers/tenant'

let tenants: TestTenant[]

beforeAll(async () => {
  const data = await seedReportData()
  tenants = data.tenants
})

describe('report access', () => {
  it("never shows another tenant's payments", async () => {
    const stranger = await createTestTenant()
    const res = await report(stranger, 'period=monthly&from=2025-01-01&to=2025-12-31')
    expect(res.status).toBe(200)
    expect(res.body.rows).toEqual([])
    expect(res.body.tax).toEqual([])
  })

  it('refuses production figures to a test API key', async () => {
    const key = await createApiKey(tenants[0]!, 'test')
    const res = await call<ErrorBody>(
      'GET',
      '/v1/reports?from=2025-01-01&to=2025-12-31&environment=production',
      { token: key.key }
    )
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
  })

  it('asks for credentials', async () => {
    const res = await call<ErrorBody>('GET', '/v1/reports?from=2025-01-01&to=2025-12-31')
    expect(res.status).toBe(401)
  })

  it.each([
    ['an unknown time zone', 'from=2025-01-01&to=2025-01-31&timezone=Mars/Base', 'timezone'],
    ['a date that does not exist', 'from=2025-02-30&to=2025-03-31', 'from'],
    ['to before from', 'from=2025-03-01&to=2025-02-01', 'to'],
    ['more than 366 days by day', 'period=daily&from=2025-01-01&to=2026-01-02', 'to'],
    ['more than five years by month', 'period=monthly&from=2020-01-01&to=2025-01-31', 'to'],
    ['an unknown period', 'period=hourly&from=2025-01-01&to=2025-01-31', 'period'],
    ['no dates', 'period=daily', 'from'],
  ])('answers 400 invalid_request for %s', async (_, query, path) => {
    const res = await call<ErrorBody>('GET', `/v1/reports?${query}`, {
      token: tenants[0]!.token,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.code).toBe('invalid_request')
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ path }))
  })
})
