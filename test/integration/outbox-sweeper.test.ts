import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { sweepOutbox } from '../../src/webhooks/sweeper'
import { call } from '../helpers/http'
import { createPayingTenant, pay, paymentBody } from '../helpers/payments'
import { recordingEnv, runQueue } from '../helpers/webhooks'

describe('the outbox sweeper', () => {
  it('queues again the events whose dispatch message was lost', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    const { env: recording, sent } = recordingEnv()
    const now = Date.now()
    expect(
      (await sweepOutbox({ db: createDb(env.DB), queue: recording.WEBHOOKS, now })).events
    ).toBe(0) // still fresh
    const later = now + 2 * 60_000
    await sweepOutbox({ db: createDb(env.DB), queue: recording.WEBHOOKS, now: later })
    expect(sent).toContainEqual({
      kind: 'dispatch',
      tenantId: tenant.tenantId,
      paymentId: paid.body.paymentId,
    })
  })

  it('queues again a pending delivery whose attempt was lost', async () => {
    const tenant = await createPayingTenant()
    await call('POST', '/v1/config/webhooks', {
      token: tenant.token,
      body: { url: 'https://merchant.example/h' },
    })
    const paid = await call<{ paymentId: string }>('POST', '/v1/payments/sandbox', {
      token: tenant.token,
      body: paymentBody(),
    })
    await runQueue([
      { body: { kind: 'dispatch', tenantId: tenant.tenantId, paymentId: paid.body.paymentId } },
    ])
    const { env: recording, sent } = recordingEnv()
    await sweepOutbox({
      db: createDb(env.DB),
      queue: recording.WEBHOOKS,
      now: Date.now() + 20 * 60_000,
    })
    expect(sent.filter((m) => m.kind === 'deliver')).toHaveLength(2)
  })
})
