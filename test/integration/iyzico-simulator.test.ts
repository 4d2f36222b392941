/**
 * The iyzico simulator as iyzico's API: it takes what the official iyzipay package signs, refuses
 * anything signed otherwise with iyzico's failure shape and codes, checks the basket, signs its
 * answers as documented, and fails or drops on request.
 */
import { describe, expect, it } from 'vitest'
import { authorizationHeader, joinedSignature } from '../../src/providers/iyzico/signing'
import { sdk } from '../../src/providers/iyzico/testing'
import { armFault, openMerchant, SIMULATORS_ORIGIN } from '../conformance/simulators'

async function merchant() {
  const account = await openMerchant('iyzico', '')
  const config = Object.fromEntries(account.configs.map((c) => [c.key, c.value]))
  return { account, apiKey: config.apiKey!, secretKey: config.secretKey! }
}

const payment = (price = '1.0') => ({
  locale: 'tr',
  conversationId: 'conv-1',
  price,
  paidPrice: price,
  installment: 1,
  basketId: 'B1',
  paymentCard: {
    cardHolderName: 'John Doe',
    cardNumber: '5528790000000008',
    expireYear: '2030',
    expireMonth: '12',
    cvc: '123',
  },
  buyer: {
    id: 'BY1',
    name: 'John',
    surname: 'Doe',
    identityNumber: '11111111111',
    email: 'john@example.com',
    registrationAddress: 'Nidakule Göztepe',
    city: 'Istanbul',
    country: 'Turkey',
    ip: '85.34.78.112',
  },
  billingAddress: { contactName: 'John Doe', city: 'Istanbul', country: 'Turkey', address: 'X' },
  basketItems: [{ id: 'I1', name: 'Item', category1: 'C', itemType: 'VIRTUAL', price: '1.0' }],
  currency: 'TRY',
})

type Keys = { apiKey: string; secretKey: string }

/** A request as iyzipay-node sends it: its header, its random key, its JSON. */
function sdkRequest(keys: Keys, path: string, body: object, rnd = '123456789') {
  return fetch(`${SIMULATORS_ORIGIN}/iyzico${path}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'x-iyzi-rnd': rnd,
      Authorization: sdk.generateAuthorizationHeaderV2(
        'IYZWSv2',
        keys.apiKey,
        ':',
        keys.secretKey,
        path,
        body,
        rnd
      ),
    },
    body: JSON.stringify(body),
  })
}

describe('the iyzico simulator', () => {
  it("takes a payment signed by the official SDK and signs its answer as iyzico's docs say", async () => {
    const keys = await merchant()
    const res = await sdkRequest(keys, '/payment/auth', payment())
    expect(res.status).toBe(200)
    const body = await res.json<Record<string, unknown>>()
    expect(body).toMatchObject({
      status: 'success',
      conversationId: 'conv-1',
      price: 1,
      paidPrice: 1,
      phase: 'AUTH',
    })
    const { paymentId, currency, basketId, conversationId, paidPrice, price } = body as Record<
      string,
      string
    >
    expect(body.signature).toBe(
      sdk.calculateHmacSHA256Signature(
        [paymentId, currency, basketId, conversationId, paidPrice, price],
        keys.secretKey
      )
    )
  })

  it('refuses a bad signature, a changed body, another random key and an unknown API key', async () => {
    const keys = await merchant()
    const refusals = [
      await sdkRequest({ ...keys, secretKey: 'not-the-secret' }, '/payment/auth', payment()),
      await fetch(`${SIMULATORS_ORIGIN}/iyzico/payment/auth`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: await authorizationHeader({
            ...keys,
            randomKey: '1',
            uriPath: '/payment/auth',
            body: JSON.stringify(payment()),
          }),
        },
        body: JSON.stringify(payment('1.00')),
      }),
      await fetch(`${SIMULATORS_ORIGIN}/iyzico/payment/auth`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'x-iyzi-rnd': '2',
          Authorization: await authorizationHeader({
            ...keys,
            randomKey: '1',
            uriPath: '/payment/auth',
            body: JSON.stringify(payment()),
          }),
        },
        body: JSON.stringify(payment()),
      }),
    ]
    for (const res of refusals) {
      expect(res.status).toBe(401)
      expect(await res.json()).toMatchObject({
        status: 'failure',
        errorCode: '1000',
        errorMessage: 'Geçersiz imza',
      })
    }
    const unknown = await sdkRequest(
      { ...keys, apiKey: 'sandbox-unknown' },
      '/payment/auth',
      payment()
    )
    expect(await unknown.json()).toMatchObject({
      errorCode: '1001',
      errorMessage: 'api bilgileri bulunamadı',
    })
  })

  it('refuses a basket that does not add up to the price (5062) as a bad request (400)', async () => {
    const keys = await merchant()
    const res = await sdkRequest(keys, '/payment/auth', payment('2.0'))
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ status: 'failure', errorCode: '5062' })
  })

  it("answers a bank's decline with 200 and iyzico's failure body", async () => {
    const keys = await merchant()
    const declined = payment()
    declined.paymentCard.cardNumber = '4111111111111129'
    const res = await sdkRequest(keys, '/payment/auth', declined)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'failure', errorCode: '10051' })
  })

  it('answers the reporting API for a GET signed over its path alone', async () => {
    const keys = await merchant()
    await sdkRequest(keys, '/payment/auth', payment())
    const path = '/v2/reporting/payment/details'
    const res = await fetch(`${SIMULATORS_ORIGIN}/iyzico${path}?paymentConversationId=conv-1`, {
      headers: {
        Authorization: await authorizationHeader({
          ...keys,
          randomKey: '9',
          uriPath: path,
          body: '',
        }),
      },
    })
    const body = await res.json<{
      payments: { paymentStatus: number; paymentConversationId: string }[]
    }>()
    expect(body.payments).toEqual([
      expect.objectContaining({ paymentStatus: 1, paymentConversationId: 'conv-1' }),
    ])
  })

  it('fails without acting on http_500, and acts before dropping the connection', async () => {
    const keys = await merchant()
    await armFault(keys.account, 'create', 'http_500')
    const failed = await sdkRequest(keys, '/payment/auth', payment())
    expect(failed.status).toBe(500)
    expect(await failed.json()).toMatchObject({ status: 'failure', errorCode: '1' })
    await armFault(keys.account, 'create', 'drop')
    await expect(sdkRequest(keys, '/payment/auth', payment())).rejects.toThrow()
    const detail = await sdkRequest(keys, '/payment/detail', {
      locale: 'tr',
      conversationId: 'c',
      paymentConversationId: 'conv-1',
    })
    const found = await detail.json<Record<string, unknown>>()
    expect(found).toMatchObject({ status: 'success', paymentStatus: 'SUCCESS' })
    expect(found.signature).toBe(
      await joinedSignature(keys.secretKey, [found.paymentId as string, 'TRY', 'B1', 'c', 1, 1])
    )
  })
})
