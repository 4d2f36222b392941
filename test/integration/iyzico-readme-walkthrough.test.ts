/**
 * The GoPay README's iyzico walkthrough (mstgnz/gopay@dc04ab7 `README.md` "Quick Start" and
 * `provider/iyzico/README.md` "Payment Management"), request for request with the README's bodies,
 * against the iyzico simulator: register, sign in, configure iyzico, a direct payment, a 3-D Secure
 * payment through its redirectUrl, its status, a refund and a cancel. Only the host and the iyzico
 * credentials differ (the simulator's merchant account), and one step the README predates: the
 * callback origin must be allowed before a callbackUrl is accepted.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../src/auth/passwords'
import { createDb } from '../../src/db/client'
import { createTenantWithUser } from '../../src/db/repos/users'
import { newId } from '../../src/domain/ids'
import { walkToCallback } from '../conformance/browser'
import { openMerchant } from '../conformance/simulators'
import { call, nextIp } from '../helpers/http'

const ip = nextIp()
const PASSWORD = 'securepassword123'

const cardInfo = {
  cardHolderName: 'John Doe',
  cardNumber: '5528790000000008',
  expireMonth: '12',
  expireYear: '2030',
  cvv: '123',
}
const customer = { name: 'John', surname: 'Doe', email: 'john@example.com' }

/**
 * The README's first step: the first user becomes the administrator. When this database already
 * has one, registration is closed; a fresh user with the README's password stands in for it.
 */
async function register(): Promise<string> {
  const registered = await call('POST', '/v1/auth/register', {
    body: { username: 'admin', password: PASSWORD },
    ip,
  })
  if (registered.status === 201) {
    expect(registered.body).toMatchObject({ success: true, username: 'admin', role: 'admin' })
    return 'admin'
  }
  expect(registered.status).toBe(403)
  const userId = newId('user')
  const username = `readme-${userId.slice(-10).toLowerCase()}`
  await createTenantWithUser(createDb(env.DB), {
    tenantId: newId('tenant'),
    tenantName: username,
    userId,
    username,
    passwordHash: await hashPassword(PASSWORD),
    role: 'admin',
    now: Date.now(),
  })
  return username
}

describe("the GoPay README's iyzico walkthrough", () => {
  it('registers, configures iyzico, pays directly and with 3-D Secure, reads, refunds and cancels', async () => {
    const username = await register()
    const login = await call<{ token: string }>('POST', '/v1/auth/login', {
      body: { username, password: PASSWORD },
      ip,
    })
    expect(login.status).toBe(200)
    const token = login.body.token

    const account = await openMerchant('iyzico', `${env.APP_URL}/v1/webhooks/iyzico`)
    const configured = await call('POST', '/v1/config/tenant', {
      token,
      body: { provider: 'iyzico', environment: 'test', configs: account.configs },
    })
    expect(configured.status, JSON.stringify(configured.body)).toBe(200)
    const origins = await call('PUT', '/v1/config/callback-origins', {
      token,
      body: { origins: ['https://yourapp.com'] },
    })
    expect(origins.status).toBe(200)

    // Create direct payment (no 3D Secure)
    const direct = await call<Record<string, unknown>>('POST', '/v1/payments/iyzico', {
      token,
      body: { amount: 100.5, currency: 'TRY', customer, cardInfo, use3D: false },
    })
    expect(direct.status, JSON.stringify(direct.body)).toBe(201)
    expect(direct.body).toMatchObject({
      success: true,
      status: 'successful',
      amount: 100.5,
      currency: 'TRY',
    })
    expect(direct.body.transactionId).toMatch(/^\d+$/)

    // Step 1: Initialize 3D Secure payment
    const threeDS = await call<{ paymentId: string; redirectUrl: string }>(
      'POST',
      '/v1/payments/iyzico',
      {
        token,
        body: {
          amount: 100.5,
          currency: 'TRY',
          customer,
          cardInfo,
          use3D: true,
          callbackUrl: 'https://yourapp.com/payment-callback',
        },
      }
    )
    expect(threeDS.status, JSON.stringify(threeDS.body)).toBe(201)
    expect(threeDS.body).toMatchObject({
      success: true,
      status: 'pending',
      message: '3-D Secure authentication required',
    })
    expect(threeDS.body.redirectUrl.startsWith(`${env.APP_URL}/v1/pay/`)).toBe(true)

    // Step 2–4: the shopper's browser goes through the bank's page and back to the gateway.
    const back = await walkToCallback(threeDS.body.redirectUrl, 'pass')
    const returned = await call('POST', new URL(back.url).pathname + new URL(back.url).search, {
      rawBody: back.body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(returned.status).toBe(303)
    const shop = new URL(returned.headers.get('Location')!)
    expect(`${shop.origin}${shop.pathname}`).toBe('https://yourapp.com/payment-callback')
    expect(shop.searchParams.get('success')).toBe('true')
    expect(shop.searchParams.get('status')).toBe('successful')

    // Payment Status Inquiry
    const status = await call('GET', `/v1/payments/iyzico/${threeDS.body.paymentId}`, { token })
    expect(status.status).toBe(200)
    expect(status.body).toMatchObject({ success: true, status: 'successful', amount: 100.5 })

    // Refund Operation (partial)
    const refund = await call('POST', '/v1/payments/iyzico/refund', {
      token,
      body: {
        paymentId: direct.body.paymentId,
        refundAmount: 50.0,
        reason: 'Customer request',
        description: 'Refund upon customer request',
      },
    })
    expect(refund.status, JSON.stringify(refund.body)).toBe(200)
    expect(refund.body).toMatchObject({ status: 'partially_refunded', refundedAmountMinor: 5000 })

    // Payment Cancellation (same-day void)
    const cancel = await call('DELETE', `/v1/payments/iyzico/${threeDS.body.paymentId}`, {
      token,
      body: { reason: 'Customer request' },
    })
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200)
    expect(cancel.body).toMatchObject({ status: 'cancelled' })
  })
})
