/**
 * The reconciliation report and its requery, with real mismatches made by the sandbox's scenario
 * cards: 4000000000000101 loses the create answer (the sandbox charged it), a refund whose answer
 * was lost stays `processing`, and a payment the provider reports paid that the gateway holds open.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { newId } from '../../src/domain/ids'
import { reportQueries } from '../../src/reports/reconciliation'
import { call, type ErrorBody } from '../helpers/http'
import { callWithEnv, card, createPayingTenant, pay } from '../helpers/payments'
import { lostRefund, QUIET_MS } from '../helpers/refunds'
import { createApiKey, type TestTenant } from '../helpers/tenant'

interface Finding {
  type: 'payment' | 'refund'
  paymentId: string
  refundId?: string
  reason?: string
  status: string
  providerOutcome?: string | null
  providerOperation?: string | null
  requestId?: string | null
  amount: number
  amountMinor: number
  ageSeconds: number
}
interface Report {
  success: true
  data: Finding[]
  nextCursor: string | null
}
interface Requery {
  requeried: string[]
  changed: { paymentId: string; refundId?: string; from: string; to: string }[]
  unchanged: string[]
  failed: { id: string; message: string }[]
  ignored: string[]
}

const reportOf = (tenant: TestTenant | string, query = '') =>
  call<Report>('GET', `/v1/reports/reconciliation${query}`, {
    token: typeof tenant === 'string' ? tenant : tenant.token,
  })

const requery = (tenant: TestTenant, body?: unknown, headers: Record<string, string> = {}) =>
  call<Requery>('POST', '/v1/reports/reconciliation/requery', {
    token: tenant.token,
    body,
    headers,
  })

/** Pretends the payment was created and last changed `QUIET_MS` ago, past the reconcile threshold. */
const age = (paymentId: string) =>
  env.DB.prepare(
    'UPDATE payments SET created_at = created_at - ?, updated_at = updated_at - ? WHERE id = ?'
  )
    .bind(QUIET_MS, QUIET_MS, paymentId)
    .run()

/** A 4000000000000101 payment: the sandbox charged it, the gateway only knows it is processing. */
async function lostAnswer(tenant: TestTenant) {
  const lost = await pay(tenant, { cardInfo: card('4000000000000101') })
  expect(lost.status).toBe(202)
  await age(lost.body.paymentId)
  return lost.body
}

const providerCalls = async (tenantId: string) =>
  (
    await env.DB.prepare('SELECT COUNT(*) AS n FROM provider_logs WHERE tenant_id = ?')
      .bind(tenantId)
      .first<{ n: number }>()
  )?.n

const statusOf = async (paymentId: string) =>
  (
    await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
      .bind(paymentId)
      .first<{ status: string }>()
  )?.status

describe('the reconciliation report', () => {
  it('lists a payment whose create answer was lost, and a requery settles it', async () => {
    const tenant = await createPayingTenant()
    const lost = await lostAnswer(tenant)
    const fresh = await pay(tenant, { cardInfo: card('4000000000000101') })
    const report = await reportOf(tenant)
    expect(report.status).toBe(200)
    expect(report.body.data).toEqual([
      expect.objectContaining({
        type: 'payment',
        paymentId: lost.paymentId,
        reason: 'unknown_outcome',
        status: 'processing',
        providerOutcome: 'unknown',
        providerOperation: 'create',
        requestId: expect.stringMatching(/^req_/),
        amount: 100.5,
        amountMinor: 10050,
      }),
    ])
    expect(report.body.data[0]!.ageSeconds).toBeGreaterThanOrEqual(QUIET_MS / 1000)
    // Not yet past the threshold: the cron has not had its chance.
    expect(report.body.data.map((f) => f.paymentId)).not.toContain(fresh.body.paymentId)

    const asked = await requery(tenant)
    expect(asked.status).toBe(202)
    expect(asked.body).toMatchObject({
      requeried: [lost.paymentId],
      changed: [{ paymentId: lost.paymentId, from: 'processing', to: 'successful' }],
      unchanged: [],
      failed: [],
    })
    expect((await reportOf(tenant)).body.data).toEqual([])
  })

  it('lists a payment the provider reported paid while the gateway holds it open', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    await env.DB.prepare("UPDATE payments SET status = 'processing' WHERE id = ?")
      .bind(paid.paymentId)
      .run()
    const report = await reportOf(tenant)
    expect(report.body.data).toEqual([
      expect.objectContaining({
        paymentId: paid.paymentId,
        reason: 'state_mismatch',
        status: 'processing',
        providerOutcome: 'succeeded',
      }),
    ])
    const asked = await requery(tenant, { paymentIds: [paid.paymentId] })
    expect(asked.body.changed).toEqual([
      { paymentId: paid.paymentId, from: 'processing', to: 'successful' },
    ])
    expect((await reportOf(tenant)).body.data).toEqual([])
  })

  it("asks again about a settled payment the provider's last call contradicts", async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    await age(paid.paymentId)
    await env.DB.prepare(
      'UPDATE provider_logs SET created_at = created_at - ? WHERE payment_id = ?'
    )
      .bind(QUIET_MS, paid.paymentId)
      .run()
    // A status query that said declined after the payment settled as successful.
    await env.DB.prepare(
      `INSERT INTO provider_logs (id, tenant_id, provider, environment, payment_id, operation, outcome,
         latency_ms, created_at) VALUES (?, ?, 'sandbox', 'test', ?, 'status', 'declined', 5, ?)`
    )
      .bind(
        newId('providerLog', Date.now() - 1000),
        tenant.tenantId,
        paid.paymentId,
        Date.now() - 1000
      )
      .run()
    expect((await reportOf(tenant)).body.data).toEqual([
      expect.objectContaining({
        paymentId: paid.paymentId,
        reason: 'state_mismatch',
        status: 'successful',
        providerOutcome: 'declined',
      }),
    ])
    // The sandbox still has the charge: nothing changes, and its answer clears the finding.
    const asked = await requery(tenant, { paymentIds: [paid.paymentId] })
    expect(asked.body).toMatchObject({ changed: [], unchanged: [paid.paymentId] })
    expect((await reportOf(tenant)).body.data).toEqual([])
  })

  it('lists a processing refund with its amount and age, and a requery books it', async () => {
    const tenant = await createPayingTenant()
    const paid = (await pay(tenant)).body
    const refundId = await lostRefund(paid, 1000)
    const report = await reportOf(tenant)
    expect(report.body.data).toEqual([
      expect.objectContaining({
        type: 'refund',
        refundId,
        paymentId: paid.paymentId,
        status: 'processing',
        amount: 10,
        amountMinor: 1000,
      }),
    ])
    expect(report.body.data[0]!.ageSeconds).toBeGreaterThanOrEqual(QUIET_MS / 1000)
    const asked = await requery(tenant, { refunds: true })
    expect(asked.body).toMatchObject({
      requeried: [refundId],
      changed: [{ paymentId: paid.paymentId, refundId, from: 'processing', to: 'succeeded' }],
    })
    expect((await reportOf(tenant)).body.data).toEqual([])
    expect(await statusOf(paid.paymentId)).toBe('partially_refunded')
  })

  it('pages newest first with a cursor', async () => {
    const tenant = await createPayingTenant()
    const older = await lostAnswer(tenant)
    const newer = await lostAnswer(tenant)
    const first = await reportOf(tenant, '?limit=1')
    expect(first.body.data.map((f) => f.paymentId)).toEqual([newer.paymentId])
    const second = await reportOf(tenant, `?limit=1&cursor=${first.body.nextCursor}`)
    expect(second.body.data.map((f) => f.paymentId)).toEqual([older.paymentId])
    expect(second.body.nextCursor).toBeNull()
  })
})

describe('the reconciliation report: security', () => {
  it("never shows nor requeries another tenant's payments", async () => {
    const mine = await createPayingTenant()
    const theirs = await createPayingTenant()
    const their = await lostAnswer(theirs)
    expect((await reportOf(mine)).body.data).toEqual([])
    const callsBefore = await providerCalls(theirs.tenantId)
    const asked = await requery(mine, { paymentIds: [their.paymentId, 'pay_nonsense'] })
    expect(asked.status).toBe(202)
    expect(asked.body).toMatchObject({
      requeried: [],
      changed: [],
      ignored: [their.paymentId, 'pay_nonsense'],
    })
    expect(await providerCalls(theirs.tenantId)).toBe(callsBefore)
    expect(await statusOf(their.paymentId)).toBe('processing')
  })

  it('does not let a test API key read production, nor show it production payments', async () => {
    const tenant = await createPayingTenant()
    const { key } = await createApiKey(tenant, 'test')
    const live = await lostAnswer(tenant)
    await env.DB.prepare("UPDATE payments SET environment = 'production' WHERE id = ?")
      .bind(live.paymentId)
      .run()
    const refused = await call<ErrorBody>(
      'GET',
      '/v1/reports/reconciliation?environment=production',
      { token: key }
    )
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('forbidden')
    expect((await reportOf(key)).body.data).toEqual([])
    expect((await reportOf(tenant, '?environment=production')).body.data).toHaveLength(1)
  })

  it('replays the first answer to the same Idempotency-Key without asking the provider again', async () => {
    const tenant = await createPayingTenant()
    const lost = await lostAnswer(tenant)
    const headers = { 'Idempotency-Key': `requery-${lost.paymentId}` }
    const first = await requery(tenant, undefined, headers)
    expect(first.body.changed).toHaveLength(1)
    const calls = await providerCalls(tenant.tenantId)
    const again = await requery(tenant, undefined, headers)
    expect(again.status).toBe(202)
    expect(again.headers.get('Idempotent-Replayed')).toBe('true')
    expect(again.body).toEqual(first.body)
    expect(await providerCalls(tenant.tenantId)).toBe(calls)
  })

  it('charges one status query per payment asked and answers 429 past the limit', async () => {
    const tight = callWithEnv({ TENANT_STATUS_RATE_LIMIT: '2', TENANT_RATE_LIMIT_BURST: '0' })
    const tenant = await createPayingTenant()
    const lost = [await lostAnswer(tenant), await lostAnswer(tenant), await lostAnswer(tenant)]
    const calls = await providerCalls(tenant.tenantId)
    const refused = await tight<ErrorBody>('POST', '/v1/reports/reconciliation/requery', {
      token: tenant.token,
      body: { paymentIds: lost.map((p) => p.paymentId) },
    })
    expect(refused.status).toBe(429)
    expect(refused.body.error.code).toBe('rate_limited')
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1)
    expect(await providerCalls(tenant.tenantId)).toBe(calls)
  })
})

describe('the reconciliation report: query plans', () => {
  it('reads payments and refunds through tenant indexes and the provider log per payment only', async () => {
    const scope = {
      tenantId: newId('tenant'),
      environment: 'test' as const,
      now: Date.now(),
      quietMs: 300_000,
      lookbackMs: 30 * 86_400_000,
    }
    const cursor = { createdAt: Date.now(), id: newId('payment') }
    const queries = reportQueries(createDb(env.DB), scope, cursor, 51)
    for (const [name, query] of Object.entries(queries)) {
      const { sql, params } = query.toSQL()
      const plan = (
        await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
          .bind(...params)
          .all<{ detail: string }>()
      ).results.map((row) => row.detail)
      expect(
        plan.filter((step) => /^SCAN/.test(step)),
        name
      ).toEqual([])
      for (const step of plan.filter((step) => / (l|provider_logs) /.test(step)))
        expect(step, name).toMatch(/provider_logs_tenant_payment|sqlite_autoindex_provider_logs/)
      if (name === 'processing' || name === 'pending')
        expect(plan[0], name).toContain('payments_tenant_status_created (tenant_id=? AND status=?')
    }
  })
})
