import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { webhookSignature } from './signing'
import { fakeIyzico } from './testing'
import { iyzicoWebhooks, SIGNATURE_HEADER } from './webhooks'

// iyzipay-php@168839f samples/webhook_Signature_Validation.php
const SAMPLE_SECRET = 'sandbox-UuLnD7wZa0a3DmytfIrwHQqAMfqCNJrs'
const CHECKOUT_FORM_PAYLOAD =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"token":"e828c62d-fd12-4b1a-ad5a-380f15fe6596","status":"SUCCESS","iyziReferenceCode":"77e1635c-6b39-475a-8b7b-ca15ad0cd4ac","iyziEventType":"CHECKOUT_FORM_AUTH","iyziEventTime":1721825036103,"iyziPaymentId":22483975}'
const CHECKOUT_FORM_SIGNATURE = '4031c575763486a2d2bf3f7ace0baebfcd6bed65393ab4df3fe80c00d5fd6878'
const DIRECT_PAYLOAD =
  '{"paymentConversationId":"conversationId","merchantId":3382172,"paymentId":22484059,"status":"SUCCESS","iyziReferenceCode":"a9af8e6b-4401-4928-b6b8-40419aaa3d0f","iyziEventType":"API_AUTH","iyziEventTime":1721825828467,"iyziPaymentId":22484059}'
const DIRECT_SIGNATURE = '92c7a72b7741bc83eb696066605c894778c87297b2c88d6037670666230e18ae'

const notification = (rawBody: string, signature?: string): NotificationRequest => ({
  method: 'POST',
  rawBody,
  headers: new Headers(signature ? { [SIGNATURE_HEADER]: signature } : {}),
  query: new URLSearchParams(),
})

const sampleAccount = () => fakeIyzico([], { apiKey: 'sandbox-key', secretKey: SAMPLE_SECRET }).ctx

async function verified(request: NotificationRequest) {
  const [parsed] = iyzicoWebhooks.parse(request)
  return iyzicoWebhooks.verify(sampleAccount(), request, parsed!)
}

describe('iyzico webhooks', () => {
  it('verify both published vectors with the merchant secret key', async () => {
    expect(await verified(notification(CHECKOUT_FORM_PAYLOAD, CHECKOUT_FORM_SIGNATURE))).toBe(true)
    expect(await verified(notification(DIRECT_PAYLOAD, DIRECT_SIGNATURE))).toBe(true)
  })

  it('refuse a changed payload, a signature of the other format, another key or none', async () => {
    const changed = DIRECT_PAYLOAD.replace('"conversationId"', '"pay_other"')
    expect(await verified(notification(changed, DIRECT_SIGNATURE))).toBe(false)
    expect(await verified(notification(DIRECT_PAYLOAD, CHECKOUT_FORM_SIGNATURE))).toBe(false)
    expect(await verified(notification(DIRECT_PAYLOAD))).toBe(false)
    const request = notification(DIRECT_PAYLOAD, DIRECT_SIGNATURE)
    const [parsed] = iyzicoWebhooks.parse(request)
    const otherAccount = fakeIyzico([]).ctx
    expect(await iyzicoWebhooks.verify(otherAccount, request, parsed!)).toBe(false)
  })

  it('name the payment by its conversation and iyzico id, and ask iyzico what happened', () => {
    expect(iyzicoWebhooks.parse(notification(CHECKOUT_FORM_PAYLOAD))).toEqual([
      {
        eventId: '77e1635c-6b39-475a-8b7b-ca15ad0cd4ac',
        paymentId: 'conversationId',
        providerPaymentId: '22483975',
        change: { kind: 'query_status', signed: true },
      },
    ])
    expect(iyzicoWebhooks.parse(notification(DIRECT_PAYLOAD))[0]).toMatchObject({
      paymentId: 'conversationId',
      providerPaymentId: '22484059',
      change: { kind: 'query_status', signed: true },
    })
  })

  it('ask about a 3-D Secure payment the bank answered, and ignore progress and refund retries', async () => {
    const body = (status: string, eventType: string) =>
      JSON.stringify({
        paymentConversationId: 'pay_1',
        merchantId: 1,
        paymentId: 22484059,
        status,
        iyziReferenceCode: 'ref',
        iyziEventType: eventType,
        iyziEventTime: 1,
        iyziPaymentId: 22484059,
      })
    const changeOf = (status: string, eventType: string) =>
      iyzicoWebhooks.parse(notification(body(status, eventType)))[0]!.change
    expect(changeOf('CALLBACK_THREEDS', 'THREE_DS_CALLBACK')).toEqual({
      kind: 'query_status',
      signed: true,
    })
    expect(changeOf('FAILURE', 'THREE_DS_AUTH').kind).toBe('query_status')
    expect(changeOf('INIT_THREEDS', 'THREE_DS_AUTH').kind).toBe('ignored')
    expect(changeOf('SUCCESS', 'REFUND_RETRY_SUCCESS').kind).toBe('ignored')
    const signature = await webhookSignature(SAMPLE_SECRET, [
      'THREE_DS_CALLBACK',
      '22484059',
      'pay_1',
      'CALLBACK_THREEDS',
    ])
    expect(
      await verified(notification(body('CALLBACK_THREEDS', 'THREE_DS_CALLBACK'), signature))
    ).toBe(true)
  })

  it('read nothing from what is not an iyzico notification, and acknowledge with an empty 200', () => {
    expect(iyzicoWebhooks.parse(notification('not json'))).toEqual([])
    expect(iyzicoWebhooks.parse(notification('{"status":"SUCCESS"}'))).toEqual([])
    expect(iyzicoWebhooks.acknowledgement).toEqual({
      status: 200,
      body: '',
      contentType: 'text/plain',
    })
  })

  it('verify a direct notification that names the payment by iyziPaymentId only', async () => {
    const body = DIRECT_PAYLOAD.replace('"paymentId":22484059,', '')
    expect(await verified(notification(body, DIRECT_SIGNATURE))).toBe(true)
  })

  it('give notifications without iyziReferenceCode distinct ids', () => {
    const without = (status: string) =>
      iyzicoWebhooks.parse(
        notification(
          DIRECT_PAYLOAD.replace(/"iyziReferenceCode":"[^"]+",/, '').replace('SUCCESS', status)
        )
      )[0]!.eventId
    expect(without('SUCCESS')).not.toBe('')
    expect(without('SUCCESS')).not.toBe(without('FAILURE'))
    expect(without('SUCCESS')).toBe(without('SUCCESS'))
  })
})
