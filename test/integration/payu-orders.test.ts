/**
 * PayU specifics through the gateway: auto-receive is a POS setting (a POS that captures at once
 * makes every payment a sale), the return to continueUrl decides nothing by itself, notifications
 * signed with SHA-256 verify like MD5 ones, a POS without a second key cannot verify and only the
 * status query counts, and a refund sent twice under one extRefundId is made once.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { type Harness, harnessFor } from '../conformance/harness'
import { payuProfile } from '../conformance/payu'
import { SIMULATORS_ORIGIN, takeNotifications } from '../conformance/simulators'
import { call } from '../helpers/http'

const control = async (name: string, body: Record<string, unknown>) => {
  const res = await fetch(`${SIMULATORS_ORIGIN}/payu/__sim/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
}

const statusOf = async (paymentId: string) =>
  (
    await env.DB.prepare('SELECT status FROM payments WHERE id = ?')
      .bind(paymentId)
      .first<{ status: string }>()
  )?.status

describe('PayU auto-receive', () => {
  it('makes a payment a sale at once on a POS that auto-receives, even with capture: false', async () => {
    const h = await harnessFor(payuProfile)
    await control('auto_receive', { merchant: h.account.merchant, enabled: true })
    const sale = await h.paid()
    expect(sale).toMatchObject({ status: 'successful', capturedAmountMinor: 10000 })
    const held = await h.paid({ capture: false })
    expect(held.status).toBe('successful')
  })

  it('holds a capture: false payment as authorized on a POS without auto-receive', async () => {
    const h = await harnessFor(payuProfile)
    const held = await h.paid({ capture: false })
    expect(held).toMatchObject({ status: 'authorized', capturedAmountMinor: 0 })
  })
})

describe('PayU return and notifications', () => {
  it('fails a payment whose order PayU cancelled, whatever the return says', async () => {
    const h = await harnessFor(payuProfile)
    const created = await h.pay(payuProfile.redirect)
    const back = await h.press(created.body.redirectUrl!, 'fail')
    expect(new URL(back.url).searchParams.get('error')).toBe('501')
    // The same return without PayU's error parameter: only the status query decides.
    const url = new URL(back.url)
    url.searchParams.delete('error')
    const res = await h.comeBack({ ...back, url: url.toString() })
    expect(new URL(res.location!).searchParams.get('status')).toBe('failed')
  })

  it.each(['SHA-256', 'SHA'])('verifies notifications a POS signs with %s', async (algorithm) => {
    const h = await harnessFor(payuProfile)
    await control('signature_algorithm', { merchant: h.account.merchant, algorithm })
    const created = await h.pay({ ...payuProfile.redirect, capture: false })
    await h.press(created.body.redirectUrl!, 'pass')
    const sent = await takeNotifications(h.account)
    expect(sent[0]!.headers['OpenPayu-Signature']).toContain(`algorithm=${algorithm};`)
    expect(await h.deliver(sent)).toEqual([200, 200])
    expect(await statusOf(created.body.paymentId)).toBe('authorized')
  })

  it('cannot verify without the second key, and then believes only PayU’s status answer', async () => {
    const h = await harnessFor(payuProfile)
    const configs = h.account.configs.filter((c) => c.key !== 'secondKey')
    const stored = await call('POST', '/v1/config/tenant', {
      token: h.tenant.token,
      body: { provider: 'payu', environment: 'test', configs },
    })
    expect(stored.status).toBe(200)
    const created = await h.pay(payuProfile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    const [pending] = await takeNotifications(h.account)
    expect(await h.deliver([pending!])).toEqual([401])
    // The unverified copy made the gateway ask PayU, which captured the held sale.
    expect(await statusOf(created.body.paymentId)).toBe('successful')
  })
})

describe('PayU refunds', () => {
  const refundTwice = async (h: Harness, paymentId: string) => {
    const key = `refund-${paymentId}`
    const once = () =>
      call('POST', '/v1/payments/payu/refund', {
        token: h.tenant.token,
        headers: { 'Idempotency-Key': key },
        body: { paymentId, refundAmount: '25.00' },
      })
    return [await once(), await once()]
  }

  it('refunds once for one Idempotency-Key, and books PayU’s FINALIZED notification once', async () => {
    const h = await harnessFor(payuProfile)
    const payment = await h.paid()
    const [first, second] = await refundTwice(h, payment.paymentId)
    expect(first!.status, JSON.stringify(first!.body)).toBe(202)
    expect(second!.headers.get('Idempotent-Replayed')).toBe('true')
    const notifications = await takeNotifications(h.account)
    const refunds = notifications.filter((n) => n.body.includes('"refund"'))
    expect(refunds).toHaveLength(1)
    expect(await h.deliver(refunds)).toEqual([200])
    expect(await h.deliver(refunds)).toEqual([200])
    expect(await h.get(payment.paymentId)).toMatchObject({
      status: 'partially_refunded',
      refundedAmountMinor: 2500,
    })
  })

  it('acknowledges a panel refund notified without amount, so PayU stops resending it', async () => {
    const h = await harnessFor(payuProfile)
    const payment = await h.paid()
    await takeNotifications(h.account)
    await control('refund_in_panel', {
      merchant: h.account.merchant,
      extOrderId: payment.paymentId,
    })
    const [bare] = await takeNotifications(h.account)
    expect(JSON.parse(bare!.body).refund).not.toHaveProperty('amount')
    expect(await h.deliver([bare!])).toEqual([200])
    expect(await h.get(payment.paymentId)).toMatchObject({ status: 'successful' })
  })
})
