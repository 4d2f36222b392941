/**
 * The sandbox's scenario cards, each through the gateway as a merchant would meet it: a dispute
 * after a success, an answer lost after the charge (settled by reconciliation), and an issuer
 * that refuses refunds.
 */
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import worker from '../../src/index'
import { runCron } from '../helpers/cron'
import { call, type ErrorBody, GATEWAY } from '../helpers/http'
import { card, createPayingTenant, type PaymentBody, pay, paymentBody } from '../helpers/payments'
import type { TestTenant } from '../helpers/tenant'
import { recordingEnv, runQueue } from '../helpers/webhooks'

/** A card payment, with the notifications the sandbox PSP queued for the gateway. */
async function payWatching(tenant: TestTenant, number: string) {
  const { env: recording, sent } = recordingEnv()
  const res = await worker.fetch(
    new Request(`${GATEWAY}/v1/payments/sandbox`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${tenant.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(paymentBody({ cardInfo: card(number) })),
    }),
    recording,
    createExecutionContext()
  )
  const notifications = sent.filter((m) => m.kind === 'sandbox_notification')
  return { status: res.status, body: await res.json<PaymentBody>(), notifications }
}

const statusOf = (tenant: TestTenant, paymentId: string) =>
  call<PaymentBody>('GET', `/v1/payments/sandbox/${paymentId}`, { token: tenant.token })

describe('sandbox scenario cards', () => {
  it('4000000000000259 succeeds, then its dispute arrives as a chargeback', async () => {
    const tenant = await createPayingTenant()
    const paid = await payWatching(tenant, '4000000000000259')
    expect(paid.body.status).toBe('successful')
    expect(paid.notifications).toHaveLength(2)
    const run = await runQueue(paid.notifications.map((body) => ({ body })))
    expect(run.acked).toHaveLength(2)
    expect((await statusOf(tenant, paid.body.paymentId)).body.status).toBe('chargeback')
  })

  it('4000000000000101 loses the answer: 202 processing, then reconciliation finds the charge', async () => {
    const tenant = await createPayingTenant()
    const lost = await payWatching(tenant, '4000000000000101')
    expect(lost.status).toBe(202)
    expect(lost.body.status).toBe('processing')
    expect(lost.notifications).toEqual([])
    await env.DB.prepare(
      'UPDATE payments SET created_at = created_at - ?, updated_at = updated_at - ? WHERE id = ?'
    )
      .bind(600_000, 600_000, lost.body.paymentId)
      .run()
    await runCron()
    expect((await statusOf(tenant, lost.body.paymentId)).body).toMatchObject({
      status: 'successful',
      transactionId: expect.stringMatching(/^sbxch_/),
    })
  })

  it('4000000000005126 succeeds, but its refunds are refused and stay refundable', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant, { cardInfo: card('4000000000005126') })
    expect(paid.body.status).toBe('successful')
    const refused = await call<ErrorBody>('POST', '/v1/payments/sandbox/refund', {
      token: tenant.token,
      body: { paymentId: paid.body.paymentId },
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatchObject({ code: 'provider_rejected' })
    expect(refused.body.error.message).toContain('refused the refund')
    expect((await statusOf(tenant, paid.body.paymentId)).body).toMatchObject({
      status: 'successful',
      refundedAmountMinor: 0,
    })
  })
})
