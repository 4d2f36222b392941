/**
 * PayTR flows beyond the conformance matrix: the Direct API's 3-D Secure answer (the bank's page,
 * served once by the gateway and never holding the card), the fail return with `fail_message`,
 * PayTR's plain-text `OK` acknowledgement, a refund retried after its answer was lost (refunded
 * once), cancel as a refund, and a token PayTR refuses.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { callbackUrl, cardInfo, type Harness, harnessFor } from '../conformance/harness'
import { paytrProfile } from '../conformance/paytr'
import { armFault, countersOf, takeNotifications } from '../conformance/simulators'
import { runCron } from '../helpers/cron'
import { call } from '../helpers/http'

const threeDS = (cardNumber: string) => ({
  cardInfo: cardInfo(cardNumber),
  use3D: true,
  callbackUrl,
})

const storedPage = (paymentId: string) =>
  env.DB.prepare('SELECT page FROM shopper_pages WHERE payment_id = ?')
    .bind(paymentId)
    .first<{ page: string }>()

async function payOnBankPage(h: Harness, cardNumber: string, action: 'pass' | 'fail') {
  const created = await h.pay(threeDS(cardNumber))
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body.status).toBe('pending')
  const back = await h.comeBack(await h.press(created.body.redirectUrl!, action))
  return { paymentId: created.body.paymentId, back }
}

describe('PayTR Direct API with 3-D Secure', () => {
  it("serves the bank's page, which holds no card data, and completes on return", async () => {
    const h = await harnessFor(paytrProfile)
    const created = await h.pay(threeDS('4355084355084358'))
    expect(created.body.redirectUrl).toMatch(`${env.APP_URL}/v1/pay/${created.body.paymentId}`)
    const page = (await storedPage(created.body.paymentId))!.page
    expect(page).toContain('/bank/3d/')
    expect(page).not.toContain('4355084355084358')
    expect(page).not.toMatch(/value=\\?"737\\?"/)
    const back = await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect(back.status).toBe(303)
    expect(new URL(back.location!).searchParams.get('status')).toBe('successful')
    expect((await h.get(created.body.paymentId)).status).toBe('successful')
  })

  it('fails the payment when the bank declines after authentication', async () => {
    const h = await harnessFor(paytrProfile)
    const { paymentId, back } = await payOnBankPage(h, '4000000000009995', 'pass')
    expect(new URL(back.location!).searchParams.get('success')).toBe('false')
    expect(await h.get(paymentId)).toMatchObject({
      status: 'failed',
      declineCode: 'insufficient_funds',
    })
  })

  it('fails the payment when the shopper fails 3-D Secure', async () => {
    const h = await harnessFor(paytrProfile)
    const { paymentId } = await payOnBankPage(h, '4355084355084358', 'fail')
    expect((await h.get(paymentId)).status).toBe('failed')
  })
})

describe('PayTR notifications', () => {
  it('are acknowledged with the plain text OK, repeats included, and applied once', async () => {
    const h = await harnessFor(paytrProfile)
    const created = await h.pay(paytrProfile.redirect)
    await h.press(created.body.redirectUrl!, 'pass')
    const [sent] = await takeNotifications(h.account)
    for (let copy = 0; copy < 2; copy++) {
      const res = await call('POST', new URL(sent!.url).pathname, {
        headers: sent!.headers,
        rawBody: sent!.body,
      })
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/plain/)
      expect(res.body).toBe('OK')
    }
    expect((await h.get(created.body.paymentId)).status).toBe('successful')
  })
})

describe('PayTR refunds and cancel', () => {
  it('refunds once when a refund whose answer was lost is sent again', async () => {
    const h = await harnessFor(paytrProfile)
    const payment = await h.paid()
    await armFault(h.account, 'refund', 'drop')
    expect((await h.refund(payment.paymentId, '25.00')).status).toBe(202)
    const refunds = await env.DB.prepare('SELECT id FROM refunds WHERE payment_id = ?')
      .bind(payment.paymentId)
      .all<{ id: string }>()
    expect(refunds.results).toHaveLength(1)
    await env.DB.prepare('UPDATE refunds SET updated_at = updated_at - 600000 WHERE payment_id = ?')
      .bind(payment.paymentId)
      .run()
    await runCron()
    expect(await h.get(payment.paymentId)).toMatchObject({
      status: 'partially_refunded',
      refundedAmountMinor: 2500,
    })
    expect((await countersOf(h.account)).refund).toBe(1)
  })

  it('cancels by refunding the whole payment', async () => {
    const h = await harnessFor(paytrProfile)
    const payment = await h.paid()
    const res = await h.cancel(payment.paymentId)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.status).toBe('cancelled')
    expect((await countersOf(h.account)).refund).toBe(1)
  })
})

describe('PayTR credentials', () => {
  it('declines a payment whose paytr_token PayTR does not accept', async () => {
    const h = await harnessFor(paytrProfile)
    const configs = h.account.configs.map((c) =>
      c.key === 'merchantKey' ? { ...c, value: `${c.value}x` } : c
    )
    await call('POST', '/v1/config/tenant', {
      token: h.tenant.token,
      body: { provider: 'paytr', environment: 'test', configs },
    })
    const res = await h.pay(paytrProfile.redirect)
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect(res.body).toMatchObject({ status: 'failed', declineCode: 'processing_error' })
  })
})
