import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { newId } from '../../src/domain/ids'
import { REFUSED_NOTIFICATIONS_PER_MINUTE } from '../../src/http/rate-limits'
import worker from '../../src/index'
import { SIGNATURE_TOLERANCE_SECONDS } from '../../src/providers/sandbox/signing'
import { call, GATEWAY } from '../helpers/http'
import { createPayingTenant, pay, SHOP } from '../helpers/payments'
import { charge, sandboxHeaders } from '../helpers/sandbox'
import type { TestTenant } from '../helpers/tenant'
import { recordingEnv, runQueue } from '../helpers/webhooks'

const statusOf = async (paymentId: string) =>
  (await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
    .bind(paymentId)
    .first<{ status: string }>())!.status

/** Calls the sandbox PSP's API as the merchant, returning the notifications the PSP queued. */
async function atThePsp(tenant: TestTenant, path: string, payload?: object) {
  const { env: recording, sent } = recordingEnv()
  const body = payload === undefined ? '' : JSON.stringify(payload)
  const res = await worker.fetch(
    new Request(`${GATEWAY}/sandbox/api${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await sandboxHeaders(tenant, body)) },
      body,
    }),
    recording,
    createExecutionContext()
  )
  expect(res.status).toBe(200)
  return sent.filter((m) => m.kind === 'sandbox_notification')
}

/** Another copy of the event is being applied: the gateway answers 409 until its claim is stale. */
const claimHeldElsewhere = (eventId: string, paymentId: string, tenantId: string) =>
  env.DB.prepare(
    `INSERT INTO provider_notifications
      (id, provider, dedupe_key, tenant_id, payment_id, verified, outcome, raw_body, received_at)
      VALUES (?, 'sandbox', ?, ?, ?, 1, 'applying', '{}', ?)`
  )
    .bind(newId('providerNotification'), eventId, tenantId, paymentId, Date.now())
    .run()

const CARD = {
  number: '4242424242424242',
  exp_month: 12,
  exp_year: 2099,
  cvc: '123',
  holder_name: 'Early Bird',
}

afterEach(() => {
  vi.useRealTimers()
})

describe('the sandbox PSP', () => {
  it('notifies the gateway through the queue, signed, and the gateway accepts it', async () => {
    const tenant = await createPayingTenant()
    const pending = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    const { env: recording, sent } = recordingEnv()
    // The shopper authenticates; the PSP both redirects the browser and sends a notification.
    await worker.fetch(
      new Request(`${GATEWAY}${new URL(pending.body.redirectUrl!).pathname}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'action=authenticate',
        redirect: 'manual',
      }),
      recording,
      createExecutionContext()
    )
    const notifications = sent.filter((m) => m.kind === 'sandbox_notification')
    expect(notifications).toHaveLength(1)
    const run = await runQueue(notifications.map((body) => ({ body })))
    expect(run.acked).toHaveLength(1)
    expect(await statusOf(pending.body.paymentId)).toBe('successful')
  })

  it('signs every send afresh, so a notification retried past the signature window still applies', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const [dispute] = await atThePsp(tenant, `/v1/charges/${paid.body.transactionId}/dispute`)
    const eventId = (JSON.parse(dispute!.body) as { id: string }).id
    await claimHeldElsewhere(eventId, paid.body.paymentId, tenant.tenantId)

    const first = await runQueue([{ body: dispute }])
    expect(first.retried).toHaveLength(1) // 409: another copy holds the claim

    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + (SIGNATURE_TOLERANCE_SECONDS + 60) * 1000)
    const retried = await runQueue([{ body: dispute, attempts: 2 }])
    expect(retried.acked).toHaveLength(1)
    expect(await statusOf(paid.body.paymentId)).toBe('chargeback')
  })

  it('applies a notification held in a queue backlog past the signature window', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const [dispute] = await atThePsp(tenant, `/v1/charges/${paid.body.transactionId}/dispute`)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + (SIGNATURE_TOLERANCE_SECONDS + 60) * 1000)
    const run = await runQueue([{ body: dispute }])
    expect(run.acked).toHaveLength(1)
    expect(await statusOf(paid.body.paymentId)).toBe('chargeback')
  })

  it('is not limited like a stranger: many early notifications are all kept, and a verified one applies', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const [dispute] = await atThePsp(tenant, `/v1/charges/${paid.body.transactionId}/dispute`)
    // Charges whose payment the gateway has not stored (yet): each notification is refused with 404.
    const early = []
    for (let i = 0; i < REFUSED_NOTIFICATIONS_PER_MINUTE + 10; i++) {
      const sent = await atThePsp(tenant, '/v1/charges', {
        reference: `pay_early${i}`,
        amount: 1000,
        currency: 'TRY',
        card: CARD,
        three_d_secure: false,
        capture: true,
      })
      early.push(...sent.map((body) => ({ body })))
    }
    expect(early).toHaveLength(REFUSED_NOTIFICATIONS_PER_MINUTE + 10)
    const refused = await runQueue(early)
    expect(refused.retried).toHaveLength(early.length)
    const kept = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM provider_notifications WHERE outcome = 'unknown_payment' AND raw_body LIKE '%pay_early%'"
    ).first<{ n: number }>()
    expect(kept!.n).toBe(early.length)

    const verified = await runQueue([{ body: dispute }])
    expect(verified.acked).toHaveLength(1)
    expect(await statusOf(paid.body.paymentId)).toBe('chargeback')
  })

  it('gives an outside caller no way around the limit, even one sending exactly what the PSP sends', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const unknown = { ...paid.body, paymentId: 'pay_outside', transactionId: 'sbxch_outside' }
    const send = async () => {
      const body = JSON.stringify({
        id: newId('sandboxEvent'),
        type: 'charge.succeeded',
        created: Math.floor(Date.now() / 1000),
        data: charge(unknown, 'succeeded'),
      })
      // No CF-Connecting-IP, like the PSP's own sends, and validly signed.
      return call('POST', '/v1/webhooks/sandbox', {
        rawBody: body,
        headers: { 'Content-Type': 'application/json', ...(await sandboxHeaders(tenant, body)) },
      })
    }
    for (let i = 0; i < REFUSED_NOTIFICATIONS_PER_MINUTE; i++)
      expect((await send()).status).toBe(404)
    expect((await send()).status).toBe(429)
  })
})
