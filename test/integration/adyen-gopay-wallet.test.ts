/**
 * The GoPay wallet through Adyen, end to end against the Adyen simulator: an IDR redirect payment
 * the shopper confirms or cancels in GoPay, and a wallet stored for subscription charges.
 */
import { describe, expect, it } from 'vitest'
import { callbackUrl, customer, harnessFor, type ProviderPayment } from '../conformance/harness'
import { countersOf, takeNotifications } from '../conformance/simulators'
import type { ConformanceProfile } from '../conformance/types'
import { call } from '../helpers/http'

const walletProfile: ConformanceProfile = {
  provider: 'adyen',
  amount: '150000',
  currency: 'IDR',
  redirect: { paymentMethod: 'gopay_wallet', callbackUrl },
  queriesStatus: false,
  lostCreate: { settledBy: 'notification', status: 'successful' },
  createServerError: 202,
  forge: (genuine) => genuine,
  forgedStatus: 401,
}

const items = [
  { id: 'kopi', name: 'Kopi susu', category: 'food', price: '25000', quantity: 4 },
  { id: 'roti', name: 'Roti bakar', price: '50000', quantity: 1 },
]

describe('GoPay through Adyen', () => {
  it('sends the shopper to GoPay and completes an IDR payment in whole rupiah', async () => {
    const h = await harnessFor(walletProfile)
    const created = await h.pay({ ...walletProfile.redirect, items })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    expect(created.body).toMatchObject({
      status: 'pending',
      amountMinor: 15_000_000,
      currency: 'IDR',
    })
    expect(created.body.redirectUrl).toContain('/checkoutshopper/checkoutPaymentRedirect')

    const back = await h.comeBack(await h.press(created.body.redirectUrl!, 'pass'))
    expect(back.status).toBe(303)
    expect(new URL(back.location!).searchParams.get('status')).toBe('successful')
    const paid = await h.get(created.body.paymentId)
    expect(paid).toMatchObject({ status: 'successful', amountMinor: 15_000_000 })
    expect(paid.transactionId).toMatch(/^[0-9A-Z]{16}$/)

    // Adyen's AUTHORISATION webhook says the same, in Adyen's units (IDR has no decimals there).
    const [authorisation] = await takeNotifications(h.account)
    const item = JSON.parse(authorisation!.body).notificationItems[0].NotificationRequestItem
    expect(item).toMatchObject({
      eventCode: 'AUTHORISATION',
      success: 'true',
      amount: { currency: 'IDR', value: 150_000 },
      paymentMethod: 'gopay_wallet',
      merchantReference: created.body.paymentId,
    })
    expect(await h.deliver([authorisation!])).toEqual([200])
    expect(await countersOf(h.account)).toEqual({
      'POST /payments': 1,
      'POST /payments/details': 1,
    })
  })

  it('fails the payment when the shopper cancels in GoPay', async () => {
    const h = await harnessFor(walletProfile)
    const created = await h.pay(walletProfile.redirect)
    const back = await h.comeBack(await h.press(created.body.redirectUrl!, 'fail'))
    expect(new URL(back.location!).searchParams.get('success')).toBe('false')
    expect((await h.get(created.body.paymentId)).status).toBe('failed')
    expect(await h.deliver()).toEqual([200])
    expect((await h.get(created.body.paymentId)).status).toBe('failed')
  })

  it('refuses a wallet payment in another currency or with rupiah fractions', async () => {
    const h = await harnessFor(walletProfile)
    for (const body of [{ currency: 'EUR', amount: '10.00' }, { amount: '150000.50' }]) {
      const res = await h.pay({ ...walletProfile.redirect, ...body })
      expect(res.status, JSON.stringify(res.body)).toBe(422)
    }
    expect(await countersOf(h.account)).toEqual({})
  })

  it('stores the wallet and charges it as a subscription without the shopper', async () => {
    const h = await harnessFor(walletProfile)
    const parent = await h.paid({
      ...walletProfile.redirect,
      recurring: true,
      description: 'Langganan bulanan',
    })
    expect(parent.status).toBe('successful')
    await h.deliver()
    expect((await h.get(parent.paymentId)).recurring).toBe('active')

    const recurrence = `/v1/payments/adyen/${parent.paymentId}/recurrence`
    const charge = await call<ProviderPayment>('POST', recurrence, {
      token: h.tenant.token,
      body: { amount: '75000', currency: 'IDR' },
    })
    expect(charge.status, JSON.stringify(charge.body)).toBe(201)
    expect(charge.body).toMatchObject({
      status: 'successful',
      parentPaymentId: parent.paymentId,
      amountMinor: 7_500_000,
    })
    const [childAuthorisation] = await takeNotifications(h.account)
    const item = JSON.parse(childAuthorisation!.body).notificationItems[0].NotificationRequestItem
    expect(item).toMatchObject({
      eventCode: 'AUTHORISATION',
      merchantReference: charge.body.paymentId,
      amount: { value: 75_000 },
    })

    const stopped = await call<ProviderPayment>('DELETE', recurrence, { token: h.tenant.token })
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200)
    expect(stopped.body.recurring).toBe('stopped')
    const refused = await call('POST', recurrence, {
      token: h.tenant.token,
      body: { amount: '75000', currency: 'IDR' },
    })
    expect(refused.status).toBe(409)
  })

  it('answers Adyen with [accepted] and sends the customer it was given', async () => {
    const h = await harnessFor(walletProfile)
    const created = await h.pay({
      ...walletProfile.redirect,
      customer: { ...customer, ipAddress: '198.51.100.4' },
    })
    await h.press(created.body.redirectUrl!, 'pass')
    const [notification] = await takeNotifications(h.account)
    const res = await call('POST', '/v1/webhooks/adyen', {
      headers: notification!.headers,
      rawBody: notification!.body,
    })
    expect(res.status).toBe(200)
    expect(res.body).toBe('[accepted]')
  })
})
