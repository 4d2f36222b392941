import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { nkolayProvider } from './adapter'
import { CONFIG, fakeNkolay, PAYMENT_ID, REFERENCE, signedResult } from './test-context'

const post = (fields: Record<string, string>): NotificationRequest => ({
  method: 'POST',
  rawBody: new URLSearchParams(fields).toString(),
  headers: new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' }),
  query: new URLSearchParams(),
})
const webhooks = nkolayProvider.webhooks!

describe('the result post at the webhook URL', () => {
  it('names the payment and asks for a status query once verified', async () => {
    const [notification] = webhooks.parse(post(await signedResult()))
    expect(notification).toEqual({
      eventId: `${REFERENCE}:2`,
      providerPaymentId: REFERENCE,
      paymentId: PAYMENT_ID,
      change: { kind: 'query_status', signed: true },
    })
  })

  it('verifies hashDataV2 with the secret key, and refuses a changed copy', async () => {
    const { ctx } = fakeNkolay([], CONFIG)
    const genuine = post(await signedResult())
    expect(await webhooks.verify(ctx, genuine, webhooks.parse(genuine)[0]!)).toBe(true)
    const changed = post({ ...(await signedResult()), AUTHORIZATION_AMOUNT: '1.00' })
    expect(await webhooks.verify(ctx, changed, webhooks.parse(changed)[0]!)).toBe(false)
  })

  it('lets a replayed post of another payment decide nothing: it names the signed reference and only asks for a status query', async () => {
    const { CLIENT_REFERENCE_CODE: _, ...replayed } = await signedResult({
      REFERENCE_CODE: 'IKSIRPF999',
    })
    expect(webhooks.parse(post(replayed))).toEqual([
      {
        eventId: 'IKSIRPF999:2',
        providerPaymentId: 'IKSIRPF999',
        paymentId: undefined,
        change: { kind: 'query_status', signed: true },
      },
    ])
  })

  it('reads nothing from a body that is not a result post', () => {
    expect(webhooks.parse(post({ foo: 'bar' }))).toEqual([])
    expect(webhooks.parse({ ...post({}), method: 'GET' })).toEqual([])
  })
})
