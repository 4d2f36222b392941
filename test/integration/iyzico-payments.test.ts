/**
 * iyzico through the gateway beyond the conformance matrix: the hosted checkout form and its
 * webhook, pre-authorization on the form, 3-D Secure that the bank refuses at each step, the page
 * the gateway keeps (never card data), an abandoned 3-D Secure payment, and what the masked
 * provider log keeps.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { agePayment, callbackUrl, cardInfo, harnessFor } from '../conformance/harness'
import { iyzicoProfile } from '../conformance/iyzico'
import { countersOf, takeNotifications } from '../conformance/simulators'
import { runCron } from '../helpers/cron'
import { eventsOf } from '../helpers/payments'

const HOUR_MS = 60 * 60 * 1000

describe("iyzico's checkout form", () => {
  it('sends the shopper to the form, and completes the payment with the token iyzico posts back', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay({ callbackUrl })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body.redirectUrl).toMatch(/^http:\/\/providers\.sim\/iyzico\/cpp\?token=/)
    const back = await h.press(created.body.redirectUrl!, 'pass')
    expect(back.method).toBe('POST')
    expect(new URLSearchParams(back.body).get('token')).toBeTruthy()
    const returned = await h.comeBack(back)
    expect(new URL(returned.location!).searchParams.get('status')).toBe('successful')
    const payment = await h.get(created.body.paymentId)
    expect(payment).toMatchObject({ status: 'successful', capturedAmountMinor: 10000 })
    expect(payment.transactionId).toMatch(/^\d+$/)
  })

  it('is settled by its signed webhook when the shopper never comes back, once', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay({ callbackUrl })
    await h.press(created.body.redirectUrl!, 'pass')
    const sent = await takeNotifications(h.account)
    expect(sent).toHaveLength(1)
    expect(JSON.parse(sent[0]!.body)).toMatchObject({
      iyziEventType: 'CHECKOUT_FORM_AUTH',
      status: 'SUCCESS',
      paymentConversationId: created.body.paymentId,
    })
    expect(await h.deliver(sent)).toEqual([200])
    expect(await h.deliver(sent)).toEqual([200])
    const events = await eventsOf(created.body.paymentId)
    expect(events.filter((e) => e === 'payment.succeeded')).toHaveLength(1)
  })

  it('fails the payment when the bank declines the card on the form', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay({ callbackUrl })
    await h.comeBack(await h.press(created.body.redirectUrl!, 'fail'))
    expect(await h.get(created.body.paymentId)).toMatchObject({
      status: 'failed',
      declineCode: 'card_declined',
    })
  })

  it('authorizes on the pre-authorization form and captures afterwards', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay({ callbackUrl, capture: false })
    await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect((await h.get(created.body.paymentId)).status).toBe('authorized')
    const captured = await h.capture(created.body.paymentId, '60.00')
    expect(captured.status, JSON.stringify(captured.body)).toBe(200)
    expect(captured.body).toMatchObject({ status: 'successful', capturedAmountMinor: 6000 })
  })
})

describe('iyzico 3-D Secure', () => {
  const threeDS = (card: string) => ({ cardInfo: cardInfo(card), use3D: true, callbackUrl })

  it('keeps a bank page without card data and declines what the bank refuses after authentication', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay(threeDS('4111111111111129'))
    expect(created.status).toBe(201)
    const stored = await env.DB.prepare('SELECT page FROM shopper_pages WHERE payment_id = ?')
      .bind(created.body.paymentId)
      .first<{ page: string }>()
    expect(stored?.page).toContain('/bank/3ds/')
    expect(stored?.page).not.toContain('4111111111111129')
    await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect(await h.get(created.body.paymentId)).toMatchObject({
      status: 'failed',
      declineCode: 'insufficient_funds',
    })
  })

  it('never completes a payment whose bank answered an mdStatus other than 1', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay(threeDS('4131111111111117'))
    await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect(await h.get(created.body.paymentId)).toMatchObject({
      status: 'failed',
      declineCode: 'authentication_failed',
    })
    expect(await countersOf(h.account)).not.toHaveProperty(['POST /payment/3dsecure/auth'])
  })

  it('declines at once when iyzico cannot start 3-D Secure', async () => {
    const h = await harnessFor(iyzicoProfile)
    const res = await h.pay(threeDS('4151111111111112'))
    expect(res.status, JSON.stringify(res.body)).toBe(402)
    expect(res.body).toMatchObject({ status: 'failed', declineCode: 'processing_error' })
  })

  it('fails a payment abandoned at the bank once its lifetime is over', async () => {
    const h = await harnessFor(iyzicoProfile)
    const created = await h.pay(threeDS('5528790000000008'))
    await agePayment(created.body.paymentId, 2 * HOUR_MS)
    await runCron()
    expect(await h.get(created.body.paymentId)).toMatchObject({ status: 'failed' })
  })
})

describe('iyzico calls as the gateway keeps them', () => {
  it('keep neither the card number, the CVC nor the credentials', async () => {
    const h = await harnessFor(iyzicoProfile)
    const paid = await h.paid()
    const { results } = await env.DB.prepare(
      'SELECT request, response FROM provider_logs WHERE payment_id = ?'
    )
      .bind(paid.paymentId)
      .all<{ request: string; response: string }>()
    const logged = JSON.stringify(results)
    expect(logged).toContain('552879******0008')
    expect(logged).not.toContain('5528790000000008')
    expect(logged).not.toContain('"cvc":"737"')
    for (const { value } of h.account.configs) expect(logged).not.toContain(value)
  })

  it('refuse a card iyzico will not refund in the sandbox, with its message', async () => {
    const h = await harnessFor(iyzicoProfile)
    const paid = await h.paid({ cardInfo: cardInfo('5406670000000009') })
    const refused = await h.refund(paid.paymentId)
    expect(refused.status).toBe(422)
    expect(refused.body).toMatchObject({ error: { code: 'provider_rejected' } })
    expect(JSON.stringify(refused.body)).toContain('iade')
  })
})
