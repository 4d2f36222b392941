import { env } from 'cloudflare:workers'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { MAX_DELIVERY_ATTEMPTS } from '../../src/webhooks/schedule'
import { OVERDUE_DELIVERY_MS, sweepOutbox } from '../../src/webhooks/sweeper'
import { call } from '../helpers/http'
import { createPayingTenant, pay } from '../helpers/payments'
import {
  deliverMessages,
  endpointFor,
  merchantEndpoint,
  paidAndDispatched,
  recordingEnv,
  runDeadLetters,
  runQueue,
} from '../helpers/webhooks'

const nextAttemptAt = async (tenantId: string) =>
  (await env.DB.prepare(
    'SELECT MAX(next_attempt_at) AS at FROM webhook_deliveries WHERE tenant_id = ?'
  )
    .bind(tenantId)
    .first<{ at: number }>())!.at

describe('merchant notifications', () => {
  it('are announced on the queue in the same request that changes the payment', async () => {
    const { recordingEnv } = await import('../helpers/webhooks')
    const { env: recording, sent } = recordingEnv()
    const tenant = await createPayingTenant()
    const { default: worker } = await import('../../src/index')
    const { createExecutionContext } = await import('cloudflare:test')
    const res = await worker.fetch(
      new Request('http://gateway.test/v1/payments/sandbox', {
        method: 'POST',
        headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify((await import('../helpers/payments')).paymentBody()),
      }),
      recording,
      createExecutionContext()
    )
    const paymentId = (await res.json<{ paymentId: string }>()).paymentId
    expect(sent).toContainEqual({ kind: 'dispatch', tenantId: tenant.tenantId, paymentId })
    const events = await env.DB.prepare(
      'SELECT type FROM payment_events WHERE payment_id = ? ORDER BY id'
    )
      .bind(paymentId)
      .all()
    expect(events.results).toEqual([{ type: 'payment.created' }, { type: 'payment.succeeded' }])
  })

  it('are announced for cancels, refunds and captures too', async () => {
    const { recordingEnv } = await import('../helpers/webhooks')
    const { default: worker } = await import('../../src/index')
    const { createExecutionContext } = await import('cloudflare:test')
    const tenant = await createPayingTenant()
    const send = async (method: string, path: string, body?: unknown) => {
      const { env: recording, sent } = recordingEnv()
      await worker.fetch(
        new Request(`http://gateway.test${path}`, {
          method,
          headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        recording,
        createExecutionContext()
      )
      return sent.filter((m) => m.kind === 'dispatch') // the sandbox PSP notifies on the queue too
    }
    const cancelled = (await pay(tenant)).body.paymentId
    expect(await send('DELETE', `/v1/payments/sandbox/${cancelled}`)).toEqual([
      { kind: 'dispatch', tenantId: tenant.tenantId, paymentId: cancelled },
    ])
    const refunded = (await pay(tenant)).body.paymentId
    expect(await send('POST', '/v1/payments/sandbox/refund', { paymentId: refunded })).toHaveLength(
      1
    )
    const authorized = (await pay(tenant, { capture: false })).body.paymentId
    expect(await send('POST', `/v1/payments/sandbox/${authorized}/capture`, {})).toHaveLength(1)
  })

  it('are signed per Standard Webhooks and verify with the standardwebhooks package', async () => {
    const tenant = await createPayingTenant()
    const { secret } = await endpointFor(tenant)
    const { paymentId, deliveries } = await paidAndDispatched(tenant)
    expect(deliveries).toHaveLength(2)
    const merchant = merchantEndpoint()
    const run = await runQueue(deliveries, { fetch: merchant.fetch })
    expect(run.acked).toHaveLength(2)
    const verifier = new Webhook(secret)
    const payloads = merchant.received.map(
      (r) => verifier.verify(r.body, r.headers) as { type: string; data: { paymentId: string } }
    )
    expect(payloads.map((p) => p.type).sort()).toEqual(['payment.created', 'payment.succeeded'])
    expect(payloads.every((p) => p.data.paymentId === paymentId)).toBe(true)
    expect(merchant.received[0]!.headers['webhook-id']).toMatch(/^msg_/)
    expect(merchant.received[0]!.url).toBe('https://merchant.example/hooks')
  })

  it('go only to endpoints that want the event and match the payment environment', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    await endpointFor(tenant, { url: 'https://merchant.example/live', mode: 'live' })
    const { deliveries } = await paidAndDispatched(tenant)
    expect(deliveries).toHaveLength(1)
  })

  it('reach an endpoint that fails 5 times and then succeeds, under one webhook-id', async () => {
    const tenant = await createPayingTenant()
    const { secret } = await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint((n) => (n <= 5 ? 503 : 200))
    let now = Date.now()
    const delays: number[] = []
    for (let attempt = 1; attempt <= 6; attempt++) {
      const run = await runQueue(
        deliveries.map((d) => ({ ...d, attempts: attempt })),
        { fetch: merchant.fetch, now: () => now }
      )
      if (attempt <= 5) {
        expect(run.retried).toHaveLength(1)
        const next = await nextAttemptAt(tenant.tenantId)
        delays.push((next - now) / 1000)
        now = next
      } else {
        expect(run.acked).toHaveLength(1)
      }
    }
    expect(delays).toEqual([5, 300, 1800, 7200, 18000])
    expect(new Set(merchant.received.map((r) => r.headers['webhook-id'])).size).toBe(1)
    // Each attempt is signed afresh; the first one carries the real clock's timestamp.
    expect(
      new Webhook(secret).verify(merchant.received[0]!.body, merchant.received[0]!.headers)
    ).toBeTruthy()
    const list = await call<{ data: { status: string; attempts: number }[] }>(
      'GET',
      '/v1/webhooks/deliveries',
      { token: tenant.token }
    )
    expect(list.body.data).toEqual([expect.objectContaining({ status: 'delivered', attempts: 6 })])
  })

  it('ack the rest of a batch when one message fails', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { url: 'https://merchant.example/up' })
    await endpointFor(tenant, { url: 'https://merchant.example/down' })
    const { deliveries } = await paidAndDispatched(tenant)
    expect(deliveries).toHaveLength(4)
    const merchant = merchantEndpoint((_, request) => (request.url.endsWith('/down') ? 500 : 204))
    const run = await runQueue(deliveries, { fetch: merchant.fetch })
    expect(run.acked).toHaveLength(2)
    expect(run.retried).toHaveLength(2)
  })

  it('are signed with the old and the new secret during a rotation', async () => {
    const tenant = await createPayingTenant()
    const { secret: oldSecret, id } = await endpointFor(tenant, { events: ['payment.succeeded'] })
    const rotated = await call<{ secret: string }>('POST', `/v1/config/webhooks/${id}/rotate`, {
      token: tenant.token,
    })
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint()
    await runQueue(deliveries, { fetch: merchant.fetch })
    const [received] = merchant.received
    expect(new Webhook(oldSecret).verify(received!.body, received!.headers)).toBeTruthy()
    expect(new Webhook(rotated.body.secret).verify(received!.body, received!.headers)).toBeTruthy()
  })

  it('keep both secrets of the first rotation: a second one inside 24 hours is refused', async () => {
    const tenant = await createPayingTenant()
    const { secret: original, id } = await endpointFor(tenant, { events: ['payment.succeeded'] })
    const rotate = () =>
      call<{ secret: string; error: { code: string } }>(
        'POST',
        `/v1/config/webhooks/${id}/rotate`,
        { token: tenant.token }
      )
    const first = await rotate()
    const second = await rotate()
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('rotation_in_progress')
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint()
    await runQueue(deliveries, { fetch: merchant.fetch })
    const [received] = merchant.received
    expect(new Webhook(original).verify(received!.body, received!.headers)).toBeTruthy()
    expect(new Webhook(first.body.secret).verify(received!.body, received!.headers)).toBeTruthy()
  })

  it('have exactly one winner among concurrent rotations, whose secret signs', async () => {
    const tenant = await createPayingTenant()
    const { id } = await endpointFor(tenant, { events: ['payment.succeeded'] })
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call<{ secret: string }>('POST', `/v1/config/webhooks/${id}/rotate`, {
          token: tenant.token,
        })
      )
    )
    const winners = answers.filter((a) => a.status === 200)
    expect(winners).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409)).toHaveLength(7)
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint()
    await runQueue(deliveries, { fetch: merchant.fetch })
    const [received] = merchant.received
    expect(
      new Webhook(winners[0]!.body.secret).verify(received!.body, received!.headers)
    ).toBeTruthy()
  })

  it('drop the old secret once the overlap has passed, and may rotate again', async () => {
    const tenant = await createPayingTenant()
    const { secret: original, id } = await endpointFor(tenant, { events: ['payment.succeeded'] })
    await call('POST', `/v1/config/webhooks/${id}/rotate`, { token: tenant.token })
    await env.DB.prepare('UPDATE webhook_endpoints SET previous_secret_expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, id)
      .run()
    const again = await call<{ secret: string }>('POST', `/v1/config/webhooks/${id}/rotate`, {
      token: tenant.token,
    })
    expect(again.status).toBe(200)
    await env.DB.prepare('UPDATE webhook_endpoints SET previous_secret_expires_at = ? WHERE id = ?')
      .bind(Date.now() - 1, id)
      .run()
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint()
    await runQueue(deliveries, { fetch: merchant.fetch })
    const [received] = merchant.received
    expect(new Webhook(again.body.secret).verify(received!.body, received!.headers)).toBeTruthy()
    expect(() => new Webhook(original).verify(received!.body, received!.headers)).toThrow()
    expect(received!.headers['webhook-signature']!.split(' ')).toHaveLength(1)
  })

  it('do not follow redirects: a 302 is a failed attempt', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const run = await runQueue(deliveries, { fetch: merchantEndpoint(() => 302).fetch })
    expect(run.retried).toHaveLength(1)
    const list = await call<{ data: { status: string; lastStatusCode: number }[] }>(
      'GET',
      '/v1/webhooks/deliveries',
      {
        token: tenant.token,
      }
    )
    expect(list.body.data[0]).toMatchObject({ status: 'pending', lastStatusCode: 302 })
  })

  it('disable an endpoint that answers 410 Gone', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const run = await runQueue(deliveries, { fetch: merchantEndpoint(() => 410).fetch })
    expect(run.acked).toHaveLength(1)
    const list = await call<{ data: { status: string; disabledReason: string }[] }>(
      'GET',
      '/v1/config/webhooks',
      { token: tenant.token }
    )
    expect(list.body.data[0]).toMatchObject({
      status: 'disabled',
      disabledReason: expect.stringContaining('410'),
    })
  })

  it('fail after the last attempt and go to the dead-letter queue', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint(() => 500)
    let now = Date.now()
    let last: Awaited<ReturnType<typeof runQueue>> | undefined
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      last = await runQueue(
        deliveries.map((d) => ({ ...d, attempts: attempt })),
        { fetch: merchant.fetch, now: () => now }
      )
      now = Math.max(now, await nextAttemptAt(tenant.tenantId))
    }
    expect(merchant.received).toHaveLength(MAX_DELIVERY_ATTEMPTS)
    expect(last!.acked).toHaveLength(1)
    expect(last!.deadLettered).toEqual(deliveries.map((d) => d.body))
    const dead = await runDeadLetters(deliveries)
    expect(dead.acked).toHaveLength(1)
    const list = await call<{ data: { status: string; attempts: number }[] }>(
      'GET',
      '/v1/webhooks/deliveries',
      { token: tenant.token }
    )
    expect(list.body.data[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS })
  })

  it('still reach the dead-letter queue when it was unavailable at the last attempt', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint(() => 500)
    let now = Date.now()
    const attempt = async (n: number, deadLetterQueueDown = false) => {
      const run = await runQueue(
        deliveries.map((d) => ({ ...d, attempts: n })),
        { fetch: merchant.fetch, now: () => now, deadLetterQueueDown }
      )
      now = Math.max(now, await nextAttemptAt(tenant.tenantId))
      return run
    }
    for (let n = 1; n < MAX_DELIVERY_ATTEMPTS; n++) await attempt(n)
    const refused = await attempt(MAX_DELIVERY_ATTEMPTS, true)
    expect(refused.retried).toHaveLength(1)
    const again = await attempt(MAX_DELIVERY_ATTEMPTS + 1)
    expect(again.acked).toHaveLength(1)
    expect(again.deadLettered).toEqual(deliveries.map((d) => d.body))
    expect(merchant.received).toHaveLength(MAX_DELIVERY_ATTEMPTS)
  })

  it('go to the dead-letter queue after the last attempt of a message the sweeper queued again', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint(() => 500)
    let now = Date.now()
    const attempt = async (messages: typeof deliveries, queueAttempts: number) => {
      const run = await runQueue(
        messages.map((m) => ({ ...m, attempts: queueAttempts })),
        { fetch: merchant.fetch, now: () => now }
      )
      now = Math.max(now, await nextAttemptAt(tenant.tenantId))
      return run
    }
    for (let n = 1; n <= MAX_DELIVERY_ATTEMPTS - 2; n++) await attempt(deliveries, n)
    // The message carrying the next-to-last attempt is lost; the sweeper queues a new one, whose
    // queue retry count starts again at one.
    const { env: recording, sent } = recordingEnv()
    now += OVERDUE_DELIVERY_MS + 1_000
    await sweepOutbox({ db: createDb(env.DB), queue: recording.WEBHOOKS, now })
    const ids = new Set(deliveries.map((d) => d.body.deliveryId))
    const requeued = deliverMessages(sent).filter((m) => ids.has(m.body.deliveryId))
    expect(requeued).toHaveLength(1)

    expect((await attempt(requeued, 1)).retried).toHaveLength(1)
    const last = await attempt(requeued, 2)
    expect(merchant.received).toHaveLength(MAX_DELIVERY_ATTEMPTS)
    expect(last.acked).toHaveLength(1)
    expect(last.retried).toEqual([])
    expect(last.deadLettered).toEqual(requeued.map((m) => m.body))
    const list = await call<{ data: { status: string; attempts: number }[] }>(
      'GET',
      '/v1/webhooks/deliveries',
      { token: tenant.token }
    )
    expect(list.body.data[0]).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS })
  })

  it('can be sent again on request, under the same webhook-id', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const merchant = merchantEndpoint()
    await runQueue(deliveries, { fetch: merchant.fetch })
    const list = await call<{ data: { id: string }[] }>('GET', '/v1/webhooks/deliveries', {
      token: tenant.token,
    })
    const resent = await call<{ delivery: { status: string } }>(
      'POST',
      `/v1/webhooks/deliveries/${list.body.data[0]!.id}/resend`,
      {
        token: tenant.token,
      }
    )
    expect(resent.status).toBe(202)
    expect(resent.body.delivery.status).toBe('pending')
    await runQueue(deliveries, { fetch: merchant.fetch })
    expect(merchant.received.map((r) => r.headers['webhook-id'])).toEqual([
      list.body.data[0]!.id,
      list.body.data[0]!.id,
    ])
  })

  it('replays a time range to an endpoint added later', async () => {
    const tenant = await createPayingTenant()
    const start = new Date(Date.now() - 1000).toISOString()
    await pay(tenant)
    await pay(tenant)
    const { id } = await endpointFor(tenant)
    const replayed = await call<{ events: number; deliveries: number }>(
      'POST',
      '/v1/webhooks/deliveries/replay',
      {
        token: tenant.token,
        body: { from: start, to: new Date(Date.now() + 1000).toISOString(), endpointId: id },
      }
    )
    expect(replayed.status).toBe(202)
    expect(replayed.body).toMatchObject({ events: 4, deliveries: 4 })
  })

  it("are another tenant's 404", async () => {
    const tenant = await createPayingTenant()
    const other = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    await paidAndDispatched(tenant)
    const list = await call<{ data: { id: string }[] }>('GET', '/v1/webhooks/deliveries', {
      token: tenant.token,
    })
    const theirs = await call<{ data: unknown[] }>('GET', '/v1/webhooks/deliveries', {
      token: other.token,
    })
    expect(theirs.body.data).toEqual([])
    expect(
      (
        await call('POST', `/v1/webhooks/deliveries/${list.body.data[0]!.id}/resend`, {
          token: other.token,
        })
      ).status
    ).toBe(404)
  })
})
