import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { createDb } from '../../src/db/client'
import { consumeQueue } from '../../src/queues/consumer'
import { OVERDUE_DELIVERY_MS, sweepOutbox } from '../../src/webhooks/sweeper'
import { d1FailingFor } from '../helpers/faulty-env'
import { call } from '../helpers/http'
import { createPayingTenant } from '../helpers/payments'
import {
  deliverMessages,
  endpointFor,
  merchantEndpoint,
  paidAndDispatched,
  recordingEnv,
  runDeadLetters,
  runQueue,
} from '../helpers/webhooks'

describe('the queue consumer', () => {
  it('retries the whole batch while the gateway has no encryption key', async () => {
    const batch = createMessageBatch('gopay-webhooks', [
      {
        id: 'k1',
        timestamp: new Date(),
        attempts: 1,
        body: { kind: 'dispatch', tenantId: 't', paymentId: 'p' },
      },
    ])
    const ctx = createExecutionContext()
    const withoutKey = { ...env, CONFIG_ENCRYPTION_KEY: undefined } as unknown as Env
    await consumeQueue(batch, withoutKey, {
      fetch: merchantEndpoint().fetch,
      gateway: async () => new Response(null, { status: 500 }),
      now: () => Date.now(),
    })
    const result = await getQueueResult(batch, ctx)
    expect(result.retryBatch.retry).toBe(true)
    expect(result.explicitAcks).toEqual([])
  })

  it('keeps pending a delivery dead-lettered by an outage of ours, and the sweeper sends it again', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    // Every try failed inside the gateway (no key, D1 down): Queues gave up on the message.
    const dead = await runDeadLetters(deliveries)
    expect(dead.acked).toHaveLength(1)
    const list = await call<{ data: { status: string; attempts: number }[] }>(
      'GET',
      '/v1/webhooks/deliveries',
      { token: tenant.token }
    )
    expect(list.body.data[0]).toMatchObject({ status: 'pending', attempts: 0 })
    const { env: recording, sent } = recordingEnv()
    await sweepOutbox({
      db: createDb(env.DB),
      queue: recording.WEBHOOKS,
      now: Date.now() + OVERDUE_DELIVERY_MS + 60_000,
    })
    expect(deliverMessages(sent)).toHaveLength(1)
  })

  it('acknowledges a message nobody could ever read instead of retrying it forever', async () => {
    const run = await runQueue([{ body: { kind: 'nonsense' }, id: 'junk' }])
    expect(run.acked).toEqual(['junk'])
  })

  it('fails a delivery whose endpoint was deleted, without sending it', async () => {
    const tenant = await createPayingTenant()
    const endpoint = await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    await call('DELETE', `/v1/config/webhooks/${endpoint.id}`, { token: tenant.token })
    const merchant = merchantEndpoint()
    const run = await runQueue(deliveries, { fetch: merchant.fetch })
    expect(run.acked).toHaveLength(1)
    expect(merchant.received).toEqual([])
    const list = await call<{ data: { status: string; lastError: string }[] }>(
      'GET',
      '/v1/webhooks/deliveries',
      { token: tenant.token }
    )
    expect(list.body.data[0]).toMatchObject({
      status: 'failed',
      lastError: 'endpoint deleted or disabled',
    })
  })

  it('sends a delivery once when its message arrives twice at the same time', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const { deliveries } = await paidAndDispatched(tenant)
    const [message] = deliveries
    const merchant = merchantEndpoint()
    const run = await runQueue([message!, message!], { fetch: merchant.fetch })
    expect(run.acked).toHaveLength(2)
    expect(merchant.received).toHaveLength(1)
  })

  it('retries only the message that failed mid-batch, and its redelivery loses nothing', async () => {
    const tenant = await createPayingTenant()
    await endpointFor(tenant, { events: ['payment.succeeded'] })
    const first = (await paidAndDispatched(tenant)).deliveries[0]!
    const second = (await paidAndDispatched(tenant)).deliveries[0]!
    const third = (await paidAndDispatched(tenant)).deliveries[0]!
    const secondId = (second.body as { deliveryId: string }).deliveryId
    const merchant = merchantEndpoint()
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    let run: Awaited<ReturnType<typeof runQueue>>
    try {
      run = await runQueue([first, second, third], {
        fetch: merchant.fetch,
        bindings: { DB: d1FailingFor(secondId) },
      })
    } finally {
      errors.mockRestore()
    }
    expect(run.acked).toHaveLength(2)
    expect(run.retried).toHaveLength(1)
    expect(merchant.received).toHaveLength(2)

    // Queues redelivers the retried message; this time D1 answers.
    const redelivered = await runQueue([second], { fetch: merchant.fetch })
    expect(redelivered.acked).toHaveLength(1)
    expect(merchant.received).toHaveLength(3)
    const ids = merchant.received.map((r) => r.headers['webhook-id'])
    expect(new Set(ids).size).toBe(3)
  })
})
