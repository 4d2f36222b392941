/**
 * When a piece of the platform fails: KV down costs nothing but latency, the tenant guard down
 * stops a payment before any provider call with a 503 and Retry-After, and D1 failing after the
 * provider charged never leads to a second charge when the merchant retries with the same key.
 */
import { createExecutionContext, runInDurableObject, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import worker from '../../src/index'
import { d1FailingPaymentInsert, guardDown, guardFailing, kvDown } from '../helpers/faulty-env'
import { GATEWAY } from '../helpers/http'
import { card, createPayingTenant, paymentBody } from '../helpers/payments'
import { createApiKey, type TestTenant } from '../helpers/tenant'

interface Answer {
  paymentId: string
  status: string
  error: { code: string }
}

async function send(
  bindings: Partial<Env>,
  token: string,
  init: { method?: string; path: string; body?: unknown; key?: string }
) {
  const ctx = createExecutionContext()
  const res = await worker.fetch(
    new Request(`${GATEWAY}${init.path}`, {
      method: init.method ?? 'GET',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        ...(init.key ? { 'Idempotency-Key': init.key } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    }),
    { ...env, ...bindings } as Env,
    ctx
  )
  await waitOnExecutionContext(ctx)
  return {
    status: res.status,
    headers: res.headers,
    body: (await res.json()) as Answer,
  }
}

const count = async (sql: string, tenant: TestTenant) =>
  (await env.DB.prepare(sql).bind(tenant.tenantId).first<{ n: number }>())!.n

const sandboxCharges = (tenant: TestTenant) =>
  count('SELECT COUNT(*) AS n FROM sandbox_charges WHERE merchant_id = ?', tenant)

describe('faults', () => {
  it('serves from D1 when KV is down: API keys, credentials, callback origins', async () => {
    const tenant = await createPayingTenant()
    const { key } = await createApiKey(tenant)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const KV = kvDown()
      const created = await send({ KV }, key, {
        method: 'POST',
        path: '/v1/payments/sandbox',
        body: paymentBody({ callbackUrl: 'https://shop.example.com/done' }),
      })
      expect(created.status).toBe(201)
      const read = await send({ KV }, key, {
        path: `/v1/payments/sandbox/${created.body.paymentId}`,
      })
      expect(read.body.status).toBe('successful')
      expect(errors.mock.calls.some(([line]) => String(line).includes('kv_unavailable'))).toBe(true)
    } finally {
      errors.mockRestore()
    }
  })

  it('answers 503 with Retry-After and calls no provider when the tenant guard is down', async () => {
    const tenant = await createPayingTenant()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const res = await send({ TENANT_GUARD: guardDown() }, tenant.token, {
        method: 'POST',
        path: '/v1/payments/sandbox',
        body: paymentBody(),
      })
      expect(res.status).toBe(503)
      expect(res.body.error.code).toBe('temporarily_unavailable')
      expect(res.headers.get('Retry-After')).toBe('1')
    } finally {
      errors.mockRestore()
    }
    expect(await sandboxCharges(tenant)).toBe(0)
    expect(await count('SELECT COUNT(*) AS n FROM payments WHERE tenant_id = ?', tenant)).toBe(0)
  })

  it('still answers a decline when its failure cannot be counted for the risk score', async () => {
    const tenant = await createPayingTenant()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const res = await send({ TENANT_GUARD: guardFailing(['recordRiskFailure']) }, tenant.token, {
        method: 'POST',
        path: '/v1/payments/sandbox',
        body: paymentBody({ cardInfo: card('4000000000000002') }),
      })
      expect(res.status).toBe(402)
      expect(res.body.status).toBe('failed')
      expect(
        errors.mock.calls.some(([line]) => String(line).includes('risk_failure_not_counted'))
      ).toBe(true)
    } finally {
      errors.mockRestore()
    }
  })

  it('never charges twice when D1 failed after the provider charged and the merchant retries', async () => {
    const tenant = await createPayingTenant()
    const body = paymentBody()
    const { DB, failed } = d1FailingPaymentInsert()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    let first: Awaited<ReturnType<typeof send>>
    try {
      first = await send({ DB }, tenant.token, {
        method: 'POST',
        path: '/v1/payments/sandbox',
        body,
        key: 'order-d1-down',
      })
    } finally {
      errors.mockRestore()
    }
    expect(failed()).toBe(true)
    expect(first.status).toBe(500)
    expect(await sandboxCharges(tenant)).toBe(1)

    // At once, the retry is told the first attempt may still be running...
    const soon = await send({}, tenant.token, {
      method: 'POST',
      path: '/v1/payments/sandbox',
      body,
      key: 'order-d1-down',
    })
    expect(soon.status).toBe(409)
    expect(soon.body.error.code).toBe('idempotency_in_flight')

    // ...and once that attempt is surely dead, the retry takes over its payment id and finds the
    // charge the provider made for it.
    const guard = env.TENANT_GUARD.get(env.TENANT_GUARD.idFromName(`tenant:${tenant.tenantId}`))
    await runInDurableObject(guard, (_instance, state) => {
      state.storage.sql.exec('UPDATE idempotency_keys SET created_at = created_at - 3600000')
    })
    const retried = await send({}, tenant.token, {
      method: 'POST',
      path: '/v1/payments/sandbox',
      body,
      key: 'order-d1-down',
    })
    expect(retried.status).toBe(201)
    expect(retried.body.status).toBe('successful')
    expect(await sandboxCharges(tenant)).toBe(1)
    expect(await count('SELECT COUNT(*) AS n FROM payments WHERE tenant_id = ?', tenant)).toBe(1)

    const replayed = await send({}, tenant.token, {
      method: 'POST',
      path: '/v1/payments/sandbox',
      body,
      key: 'order-d1-down',
    })
    expect(replayed.headers.get('Idempotent-Replayed')).toBe('true')
    expect(replayed.body.paymentId).toBe(retried.body.paymentId)
  })
})
