import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../src/index'
import { GATEWAY } from '../helpers/http'
import { createPayingTenant, pay, SHOP } from '../helpers/payments'
import { recordingEnv, runQueue } from '../helpers/webhooks'

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
    const status = await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
      .bind(pending.body.paymentId)
      .first()
    expect(status).toEqual({ status: 'successful' })
  })
})
