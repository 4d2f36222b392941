/**
 * The generated clients stay true to the gateway: clients/ are generated from docs/openapi.json
 * (`npm test` checks them with `node scripts/generate-clients.ts --check`; openapi-document.test.ts
 * checks the document against the routes), and the typed client in clients/typescript pays, reads
 * and refunds through the Worker's own fetch, as in the README.
 */
import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createGoPayEdgeClient } from '../../clients/typescript/index'
import { GATEWAY } from '../helpers/http'
import { completeThreeDS, createPayingTenant, SHOP } from '../helpers/payments'
import { createApiKey } from '../helpers/tenant'

const customer = { name: 'John', surname: 'Doe', email: 'john@example.com' }
const card = (cardNumber: string) => ({
  cardHolderName: 'John Doe',
  cardNumber,
  expireMonth: '12',
  expireYear: '2030',
  cvv: '123',
})

/** A client for a fresh paying tenant's test API key, talking to the Worker under test. */
async function clientForNewTenant() {
  const { key } = await createApiKey(await createPayingTenant())
  return createGoPayEdgeClient({
    baseUrl: GATEWAY,
    apiKey: key,
    fetch: (request) => exports.default.fetch(request),
  })
}

describe('the typed client (clients/typescript)', () => {
  it('creates a 3-D Secure payment and follows its redirectUrl to success', async () => {
    const gopay = await clientForNewTenant()

    const { data: pending, error } = await gopay.POST('/v1/payments/{provider}', {
      params: { path: { provider: 'sandbox' }, header: { 'idempotency-key': 'order-1001' } },
      body: {
        amount: 100.5,
        currency: 'TRY',
        customer,
        cardInfo: card('4000000000003220'),
        use3D: true,
        callbackUrl: `${SHOP}/payment-callback`,
      },
    })
    if (error) throw new Error(`create failed: ${JSON.stringify(error)}`)
    expect(pending.status).toBe('pending')
    expect(pending.redirectUrl).toContain('/sandbox/3ds/')

    // The shopper's part: the sandbox's 3-D Secure page, then back through the gateway.
    const { callback } = await completeThreeDS(pending.redirectUrl!, 'authenticate')
    expect(callback.headers.get('Location')).toMatch(`${SHOP}/payment-callback?success=true`)

    const { data: settled } = await gopay.GET('/v1/payments/{provider}/{paymentId}', {
      params: { path: { provider: 'sandbox', paymentId: pending.paymentId } },
    })
    expect(settled?.status).toBe('successful')
  })

  it('creates a direct payment, reads its status and refunds part of it', async () => {
    const gopay = await clientForNewTenant()

    const { data: paid, error } = await gopay.POST('/v1/payments/{provider}', {
      params: { path: { provider: 'sandbox' }, header: { 'idempotency-key': 'order-1002' } },
      body: { amount: 100.5, currency: 'TRY', customer, cardInfo: card('4242424242424242') },
    })
    if (error) throw new Error(`create failed: ${JSON.stringify(error)}`)
    expect(paid).toMatchObject({ status: 'successful', amountMinor: 10050 })

    const { data: status } = await gopay.GET('/v1/payments/{provider}/{paymentId}', {
      params: { path: { provider: 'sandbox', paymentId: paid.paymentId } },
    })
    expect(status?.status).toBe('successful')

    const { data: refunded, response } = await gopay.POST('/v1/payments/{provider}/refund', {
      params: { path: { provider: 'sandbox' }, header: { 'idempotency-key': 'refund-1002-1' } },
      body: { paymentId: paid.paymentId, refundAmount: 40.25 },
    })
    expect(response.status).toBe(200)
    expect(refunded).toMatchObject({ status: 'partially_refunded', refundedAmountMinor: 4025 })
  })

  it('answers a decline as a typed error, with the payment and its decline code', async () => {
    const gopay = await clientForNewTenant()
    const { data, error, response } = await gopay.POST('/v1/payments/{provider}', {
      params: { path: { provider: 'sandbox' } },
      body: { amount: 10, currency: 'TRY', customer, cardInfo: card('4000000000000002') },
    })
    expect(data).toBeUndefined()
    expect(response.status).toBe(402)
    expect(error).toMatchObject({ success: false, status: 'failed', declineCode: 'card_declined' })
  })

  it('signs in with an access token as well, but refuses an API key and a token together', async () => {
    const tenant = await createPayingTenant()
    const gopay = createGoPayEdgeClient({
      baseUrl: GATEWAY,
      accessToken: tenant.token,
      fetch: (request) => exports.default.fetch(request),
    })
    const { data } = await gopay.GET('/v1/config/callback-origins')
    expect(data?.origins.map((allowed) => allowed.origin)).toEqual([SHOP])

    expect(() =>
      createGoPayEdgeClient({ baseUrl: GATEWAY, apiKey: 'gpk_test_x', accessToken: tenant.token })
    ).toThrow(/not both/)
  })
})
