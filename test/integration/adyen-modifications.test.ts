/**
 * Adyen specifics beyond the conformance matrix, against the Adyen simulator: chargebacks, a
 * capture or refund that fails after Adyen had `received` it, and the simulator's own refusals
 * (Adyen's 401 and 403 shapes, over-capture).
 */
import HmacValidator from '@adyen/api-library/lib/src/utils/hmacValidator'
import { describe, expect, it } from 'vitest'
import { adyenProfile } from '../conformance/adyen'
import { cardInfo, harnessFor } from '../conformance/harness'
import { SIMULATORS_ORIGIN, takeNotifications } from '../conformance/simulators'

const eventsIn = (notifications: { body: string }[]) =>
  notifications.map((n) => {
    const item = JSON.parse(n.body).notificationItems[0].NotificationRequestItem
    return `${item.eventCode}:${item.success}`
  })

describe('Adyen modifications settled by webhook', () => {
  it('turns a CHARGEBACK webhook into a chargeback', async () => {
    const h = await harnessFor(adyenProfile)
    const payment = await h.paid()
    await h.deliver()
    const res = await fetch(`${SIMULATORS_ORIGIN}/adyen/__sim/chargeback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ merchant: h.account.merchant, pspReference: payment.transactionId }),
    })
    expect(res.status).toBe(200)
    await res.text()
    const sent = await takeNotifications(h.account)
    expect(eventsIn(sent)).toEqual(['CHARGEBACK:true'])
    expect(await h.deliver(sent)).toEqual([200])
    expect((await h.get(payment.paymentId)).status).toBe('chargeback')
  })

  it('keeps a payment captured when Adyen refuses to cancel it (CANCELLATION success false)', async () => {
    const h = await harnessFor(adyenProfile)
    const payment = await h.paid()
    await h.deliver()
    const cancel = await h.cancel(payment.paymentId)
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(202)
    const sent = await takeNotifications(h.account)
    expect(eventsIn(sent)).toEqual(['CANCELLATION:false'])
    expect(await h.deliver(sent)).toEqual([200])
    const after = await h.get(payment.paymentId)
    expect(after.status).toBe('successful')
    expect(after.pendingOperation ?? null).toBeNull()
  })

  it('acknowledges a capture and a refund that fail after Adyen received them', async () => {
    const h = await harnessFor(adyenProfile)
    const capturing = { ...cardInfo(adyenProfile.cards!.success), cardHolderName: 'capture failed' }
    const authorized = await h.pay({ cardInfo: capturing, capture: false })
    expect(authorized.body.status).toBe('authorized')
    await h.deliver()
    expect((await h.capture(authorized.body.paymentId)).status).toBe(202)
    const captureEvents = await takeNotifications(h.account)
    expect(eventsIn(captureEvents)).toEqual(['CAPTURE:true', 'CAPTURE_FAILED:true'])
    expect(await h.deliver(captureEvents)).toEqual([200, 200])

    const refunding = { ...cardInfo(adyenProfile.cards!.success), cardHolderName: 'refund failed' }
    const paid = await h.pay({ cardInfo: refunding })
    await h.deliver()
    expect((await h.refund(paid.body.paymentId)).status).toBe(202)
    const refundEvents = await takeNotifications(h.account)
    expect(eventsIn(refundEvents)).toEqual(['REFUND:true', 'REFUND_FAILED:true'])
    expect(await h.deliver(refundEvents)).toEqual([200, 200])
  })
})

describe('the Adyen simulator signs as Adyen does', () => {
  it("signs every webhook item so that Adyen's own HmacValidator accepts it", async () => {
    const h = await harnessFor(adyenProfile)
    const payment = await h.paid({ capture: false })
    await h.capture(payment.paymentId)
    const hmacKey = h.account.configs.find((c) => c.key === 'hmacKey')!.value
    const validator = new HmacValidator()
    const sent = await takeNotifications(h.account)
    expect(eventsIn(sent)).toEqual(['AUTHORISATION:true', 'CAPTURE:true'])
    for (const notification of sent) {
      const item = JSON.parse(notification.body).notificationItems[0].NotificationRequestItem
      expect(validator.validateHMAC(item, hmacKey)).toBe(true)
      expect(validator.validateHMAC({ ...item, merchantReference: 'other' }, hmacKey)).toBe(false)
    }
  })
})

describe('the Adyen simulator refuses what Adyen refuses', () => {
  const post = (apiKey: string, body: unknown) =>
    fetch(`${SIMULATORS_ORIGIN}/adyen/v71/payments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-API-Key': apiKey, 'Idempotency-Key': 'k1' },
      body: JSON.stringify(body),
    })

  it('answers a wrong API key 401 and another merchant account 403, in Adyen’s error shape', async () => {
    const h = await harnessFor(adyenProfile)
    const unauthorized = await post('AQE_wrong', {})
    expect(unauthorized.status).toBe(401)
    expect(await unauthorized.json()).toEqual({
      status: 401,
      errorCode: '000',
      message: 'HTTP Status Response - Unauthorized',
      errorType: 'security',
    })
    const apiKey = h.account.configs.find((c) => c.key === 'apiKey')!.value
    const forbidden = await post(apiKey, { merchantAccount: 'SomeoneElseECOM' })
    expect(forbidden.status).toBe(403)
    expect(await forbidden.json()).toMatchObject({
      status: 403,
      errorCode: '901',
      errorType: 'security',
    })
  })

  it('refuses to capture more than was authorised', async () => {
    const h = await harnessFor(adyenProfile)
    const created = await h.pay({ cardInfo: cardInfo(adyenProfile.cards!.success), capture: false })
    const config = Object.fromEntries(h.account.configs.map((c) => [c.key, c.value]))
    const res = await fetch(
      `${SIMULATORS_ORIGIN}/adyen/v71/payments/${created.body.transactionId}/captures`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-API-Key': config.apiKey!,
          'Idempotency-Key': 'over',
        },
        body: JSON.stringify({
          merchantAccount: config.merchantAccount,
          amount: { value: 2501, currency: 'EUR' },
          reference: 'over',
        }),
      }
    )
    expect(res.status).toBe(422)
    expect(await res.json()).toMatchObject({
      status: 422,
      errorCode: '137',
      errorType: 'validation',
    })
  })
})
