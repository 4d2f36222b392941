import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { newId } from '../../src/domain/ids'
import { call } from '../helpers/http'
import { createPayingTenant, pay } from '../helpers/payments'
import { type ReceivedWebhook, runQueue } from '../helpers/webhooks'

const EVENTS = 1000
const MAX_FAILURES_IN_A_ROW = 6

/** Deterministic "random": the first 32 bits of SHA-256 of a string, as a number in [0, 1). */
async function chance(text: string): Promise<number> {
  const digest = new DataView(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return digest.getUint32(0) / 2 ** 32
}

describe('merchant notifications under failure', () => {
  it(`lose none of ${EVENTS} events and never deliver one under two ids`, async () => {
    const tenant = await createPayingTenant()
    await call('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: { url: 'https://merchant.example/hooks' },
    })
    const paid = await pay(tenant)
    await env.DB.prepare('UPDATE payment_events SET dispatched_at = 0 WHERE payment_id = ?')
      .bind(paid.body.paymentId)
      .run()
    const now = Date.now()
    const data = JSON.stringify({ paymentId: paid.body.paymentId, environment: 'test' })
    const insert = env.DB.prepare(
      'INSERT INTO payment_events (id, tenant_id, payment_id, type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)'
    )
    const eventIds = Array.from({ length: EVENTS }, () => newId('event', now))
    for (let i = 0; i < EVENTS; i += 100) {
      await env.DB.batch(
        eventIds
          .slice(i, i + 100)
          .map((id) =>
            insert.bind(id, tenant.tenantId, paid.body.paymentId, 'payment.succeeded', data, now)
          )
      )
    }

    // The endpoint fails about 30% of requests, decided per message and attempt, and never more
    // than six times in a row for one message, so every message must get through within the
    // schedule's eleven attempts whatever ids this run draws.
    const received: ReceivedWebhook[] = []
    const tries = new Map<string, number>()
    const merchant: typeof fetch = async (input, init) => {
      const request = new Request(input, init)
      const id = request.headers.get('webhook-id')!
      const attempt = (tries.get(id) ?? 0) + 1
      tries.set(id, attempt)
      const webhook = {
        url: request.url,
        headers: Object.fromEntries(request.headers),
        body: await request.text(),
      }
      const fails = attempt <= MAX_FAILURES_IN_A_ROW && (await chance(`${id}#${attempt}`)) < 0.3
      if (fails) return new Response('busy', { status: 503 })
      received.push(webhook)
      return new Response(null, { status: 204 })
    }

    // One clock for the whole run: the deliveries are due at `now`, however long the set-up took.
    let clock = now
    const dispatched = await runQueue(
      [{ body: { kind: 'dispatch', tenantId: tenant.tenantId, paymentId: paid.body.paymentId } }],
      { now: () => clock }
    )
    let pending = dispatched.sent.map((body) => ({ body, attempts: 1 }))
    expect(pending).toHaveLength(EVENTS)
    for (let round = 0; pending.length > 0 && round < 20; round++) {
      const retried: typeof pending = []
      for (let i = 0; i < pending.length; i += 100) {
        const batch = pending.slice(i, i + 100).map((m, j) => ({ ...m, id: `r${round}-${i + j}` }))
        const run = await runQueue(batch, { fetch: merchant, now: () => clock })
        expect(run.acked.length + run.retried.length).toBe(batch.length)
        for (const id of run.retried) {
          const message = batch.find((m) => m.id === id)!
          retried.push({ body: message.body, attempts: message.attempts + 1 })
        }
      }
      pending = retried
      clock += 13 * 60 * 60 * 1000 // past the longest retry delay
    }

    expect(pending).toEqual([])
    const deliveries = await env.DB.prepare(
      'SELECT event_id, id, status, attempts, last_error FROM webhook_deliveries WHERE tenant_id = ? AND event_id IN (SELECT id FROM payment_events WHERE created_at = ?)'
    )
      .bind(tenant.tenantId, now)
      .all<{ event_id: string; id: string; status: string }>()
    expect(deliveries.results).toHaveLength(EVENTS)
    expect(deliveries.results.filter((d) => d.status !== 'delivered')).toEqual([])
    // every event arrived, each under exactly one webhook-id
    const idsPerEvent = new Map(deliveries.results.map((d) => [d.event_id, d.id]))
    const receivedIds = new Set(received.map((r) => r.headers['webhook-id']))
    for (const [, id] of idsPerEvent) expect(receivedIds.has(id)).toBe(true)
    expect(new Set(idsPerEvent.values()).size).toBe(EVENTS)
    expect(received.length).toBe(EVENTS)
  })
})
