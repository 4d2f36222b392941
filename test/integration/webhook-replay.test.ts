import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { QueueMessage } from '../../src/queues/messages'
import { REPLAY_MAX_DELIVERIES, REPLAY_MAX_EVENTS } from '../../src/webhooks/resend'
import { countingEnv } from '../helpers/counting-env'
import { callWithEnv } from '../helpers/payments'
import { createTestTenant, type TestTenant } from '../helpers/tenant'
import { endpointFor, recordingEnv } from '../helpers/webhooks'

const EVENT_COLUMNS = 7
const ROWS_PER_INSERT = Math.floor(100 / EVENT_COLUMNS)
const START = Date.parse('2025-03-01T00:00:00Z')

/** Writes test-mode `payment.succeeded` events straight to the outbox, at the times given. */
async function insertEvents(tenant: TestTenant, times: number[]): Promise<string[]> {
  const rows = times.map((createdAt) => ({ id: `evt_${crypto.randomUUID()}`, createdAt }))
  const statements = []
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const part = rows.slice(i, i + ROWS_PER_INSERT)
    statements.push(
      env.DB.prepare(
        `INSERT INTO payment_events (id, tenant_id, payment_id, type, data, created_at, dispatched_at)
         VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`
      ).bind(
        ...part.flatMap((r) => [
          r.id,
          tenant.tenantId,
          'pay_replay',
          'payment.succeeded',
          JSON.stringify({ environment: 'test' }),
          r.createdAt,
          r.createdAt,
        ])
      )
    )
  }
  await env.DB.batch(statements)
  return rows.map((r) => r.id)
}

/** The event of each `deliver` message sent, in order. */
async function eventsOfMessages(tenant: TestTenant, sent: QueueMessage[]) {
  const { results } = await env.DB.prepare(
    'SELECT id, event_id FROM webhook_deliveries WHERE tenant_id = ?'
  )
    .bind(tenant.tenantId)
    .all<{ id: string; event_id: string }>()
  const eventOf = new Map(results.map((d) => [d.id, d.event_id]))
  return sent.map((m) => (m.kind === 'deliver' ? eventOf.get(m.deliveryId) : m.kind))
}

interface ReplayAnswer {
  events: number
  deliveries: number
  truncated: boolean
  nextFrom: string | null
  nextAfter: string | null
}

const wholeRange = { from: new Date(START).toISOString(), to: '2025-03-02T00:00:00Z' }

describe('replaying a time range', () => {
  it(`re-arms and queues ${REPLAY_MAX_EVENTS} events in fewer than 200 D1 statements`, async () => {
    const tenant = await createTestTenant()
    await endpointFor(tenant)
    const times = Array.from({ length: REPLAY_MAX_EVENTS }, (_, i) => START + i)
    const ids = await insertEvents(tenant, times)
    const counting = countingEnv()
    const recording = recordingEnv()
    const call = callWithEnv({ DB: counting.env.DB, WEBHOOKS: recording.env.WEBHOOKS })

    const replayed = await call<ReplayAnswer>('POST', '/v1/webhooks/deliveries/replay', {
      token: tenant.token,
      body: wholeRange,
    })

    expect(replayed.status).toBe(202)
    // D1 allows 1,000 queries per invocation; one UPDATE per delivery alone would be 1,000.
    expect(counting.counts.statements.length + counting.counts.batches).toBeLessThan(200)
    expect(replayed.body).toMatchObject({
      events: REPLAY_MAX_EVENTS,
      deliveries: REPLAY_MAX_EVENTS,
      truncated: false,
      nextFrom: null,
      nextAfter: null,
    })
    expect((await eventsOfMessages(tenant, recording.sent)).sort()).toEqual([...ids].sort())
    const pending = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM webhook_deliveries WHERE tenant_id = ? AND status = 'pending' AND attempts = 0"
    )
      .bind(tenant.tenantId)
      .first<{ n: number }>()
    expect(pending!.n).toBe(REPLAY_MAX_EVENTS)
  })

  it('continues from where the answer says, replaying every event once, ties included', async () => {
    const tenant = await createTestTenant()
    await endpointFor(tenant)
    // Three events per millisecond, and 15 in the last one, across the 1,000-event page boundary.
    const times = Array.from({ length: 1005 }, (_, i) => START + Math.floor(Math.min(i, 990) / 3))
    const ids = await insertEvents(tenant, times)
    const recording = recordingEnv()
    const call = callWithEnv({ WEBHOOKS: recording.env.WEBHOOKS })

    const answers: ReplayAnswer[] = []
    let position: { from: string; after?: string } = { from: wholeRange.from }
    for (let calls = 0; calls < 5; calls++) {
      const replayed = await call<ReplayAnswer>('POST', '/v1/webhooks/deliveries/replay', {
        token: tenant.token,
        body: { ...wholeRange, ...position },
      })
      expect(replayed.status).toBe(202)
      answers.push(replayed.body)
      if (!replayed.body.truncated) break
      position = { from: replayed.body.nextFrom!, after: replayed.body.nextAfter! }
    }

    expect(answers.map((a) => [a.events, a.truncated])).toEqual([
      [1000, true],
      [5, false],
    ])
    expect(answers[0]!.nextFrom).toBe(new Date(START + 330).toISOString())
    const replayedEvents = await eventsOfMessages(tenant, recording.sent)
    expect(replayedEvents).toHaveLength(ids.length)
    expect(new Set(replayedEvents)).toEqual(new Set(ids))
  })

  it(`stops at ${REPLAY_MAX_DELIVERIES} deliveries, on an event boundary`, async () => {
    const tenant = await createTestTenant()
    for (let i = 0; i < 3; i++) await endpointFor(tenant)
    await insertEvents(
      tenant,
      Array.from({ length: 700 }, (_, i) => START + i)
    )
    const counting = countingEnv()
    const call = callWithEnv({ DB: counting.env.DB })

    const first = await call<ReplayAnswer>('POST', '/v1/webhooks/deliveries/replay', {
      token: tenant.token,
      body: wholeRange,
    })
    const perCall = Math.floor(REPLAY_MAX_DELIVERIES / 3)
    expect(first.body).toMatchObject({ events: perCall, deliveries: perCall * 3, truncated: true })
    expect(counting.counts.statements.length + counting.counts.batches).toBeLessThan(400)
    const rest = await call<ReplayAnswer>('POST', '/v1/webhooks/deliveries/replay', {
      token: tenant.token,
      body: { ...wholeRange, from: first.body.nextFrom, after: first.body.nextAfter },
    })
    expect(rest.body).toMatchObject({ events: 700 - perCall, truncated: false })
  })
})
