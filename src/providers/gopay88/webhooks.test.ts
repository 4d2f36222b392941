import { describe, expect, it } from 'vitest'
import type { NotificationRequest } from '../types'
import { contextWith, phpJson, platformHeaders } from './testing'
import { gopay88Webhooks as webhooks } from './webhooks'

/** The notify of the document's sample (订单回调), for our payment. */
const notifiedCharge = (over: Record<string, unknown> = {}) => ({
  puid: 0,
  pmid: 0,
  mid: 100001,
  out_trade_no: 'pay_01JTEST',
  in_trade_no: '',
  subject: 'VIP充值 - 100000',
  body: 'VIP充值 - 100000',
  channel: 'gopay_banktransfer',
  paytype: 1,
  extra: '{"userid":"u\\"}"}',
  amount: '100.000',
  pay_amount: '100.000',
  keyword: null,
  currency: 'CNY',
  client_ip: '3.6.93.106',
  return_url: 'https://golden88.io/demo.html',
  notify_url: 'https://golden88.io/cashier/demonotify',
  status: 2,
  ...over,
})

async function notify(charge: unknown, resultMsg = 'SUCCESS'): Promise<NotificationRequest> {
  const chargeJson = phpJson(charge)
  return {
    method: 'POST',
    rawBody: `{"result_code":"OK","result_msg":"${resultMsg}","charge":${chargeJson}}`,
    headers: new Headers({
      'content-type': 'application/json; charset=UTF-8',
      ...(await platformHeaders(chargeJson)),
    }),
    query: new URLSearchParams(),
  }
}

const { ctx } = contextWith(() => new Response(null, { status: 500 }))

describe('GoPay88 notify', () => {
  it('reads a paid order with its amount, and verifies the platform signature', async () => {
    const request = await notify(notifiedCharge())
    const [notification] = webhooks.parse(request)
    expect(notification).toEqual({
      eventId: 'pay_01JTEST:2',
      paymentId: 'pay_01JTEST',
      providerPaymentId: 'gopay_banktransfer:pay_01JTEST',
      change: {
        kind: 'payment',
        outcome: {
          kind: 'succeeded',
          status: 'successful',
          providerPaymentId: 'gopay_banktransfer:pay_01JTEST',
          amountMinor: 10000,
          currency: 'CNY',
        },
      },
    })
    expect(await webhooks.verify(ctx, request, notification!)).toBe(true)
  })

  it('refuses a copy whose charge was changed or signed by another key', async () => {
    const request = await notify(notifiedCharge())
    const [notification] = webhooks.parse(request)
    const altered = (rawBody: string) =>
      webhooks.verify(ctx, { ...request, rawBody }, notification!)
    expect(await altered(request.rawBody.replace('pay_01JTEST', 'pay_01JOTHER'))).toBe(false)
    expect(await altered(request.rawBody.replace('"amount":"100.000"', '"amount":"1.000"'))).toBe(
      false
    )
    expect(await altered(request.rawBody.replace('"status":2', '"status":3'))).toBe(false)
    const unsigned = new Headers(request.headers)
    unsigned.delete('x-ca-signature')
    expect(await webhooks.verify(ctx, { ...request, headers: unsigned }, notification!)).toBe(false)
    const otherKey = contextWith(() => new Response(), {
      config: { platformPublicKey: 'AAAA' },
    }).ctx
    expect(await webhooks.verify(otherKey, request, notification!)).toBe(false)
  })

  it('verifies a genuine copy sent pretty-printed with raw text, as the SDK does', async () => {
    const charge = notifiedCharge()
    const pretty = JSON.stringify({ result_code: 'OK', result_msg: 'SUCCESS', charge }, null, 4)
    const request = {
      ...(await notify(charge)),
      rawBody: pretty,
      headers: new Headers(await platformHeaders(phpJson(charge))),
    }
    const [notification] = webhooks.parse(request)
    expect(notification).toMatchObject({ eventId: 'pay_01JTEST:2', change: { kind: 'payment' } })
    expect(await webhooks.verify(ctx, request, notification!)).toBe(true)
    const changed = { ...request, rawBody: pretty.replace('"status": 2', '"status": 3') }
    expect(await webhooks.verify(ctx, changed, webhooks.parse(changed)[0]!)).toBe(false)
  })

  it('refuses a body that smuggles a second charge', async () => {
    const request = await notify(notifiedCharge({ status: 3 }))
    const smuggled = `${request.rawBody.slice(0, -1)},"charge":${phpJson(notifiedCharge())}}`
    expect(webhooks.parse({ ...request, rawBody: smuggled })).toEqual([])
    const [notification] = webhooks.parse(request)
    expect(await webhooks.verify(ctx, { ...request, rawBody: smuggled }, notification!)).toBe(false)
  })

  it('maps failed and closed orders, and asks for the status when none is stated', async () => {
    const outcomeOf = async (over: Record<string, unknown>) =>
      webhooks.parse(await notify(notifiedCharge(over)))[0]!.change
    expect(await outcomeOf({ status: 3 })).toMatchObject({
      kind: 'payment',
      outcome: { kind: 'declined' },
    })
    expect(await outcomeOf({ status: '0' })).toMatchObject({
      kind: 'payment',
      outcome: { kind: 'cancelled' },
    })
    const { status: _status, ...withoutStatus } = notifiedCharge()
    expect(webhooks.parse(await notify(withoutStatus))[0]).toMatchObject({
      eventId: 'pay_01JTEST:unstated',
      change: { kind: 'query_status' },
    })
    expect(webhooks.parse(await notify(notifiedCharge({ status: 9 })))).toEqual([])
    expect(webhooks.parse(await notify(notifiedCharge(), 'FAIL'))[0]!.change.kind).toBe('ignored')
    expect(webhooks.parse({ ...(await notify(notifiedCharge())), rawBody: 'not json' })).toEqual([])
  })

  it('gives retries of one notification the same event id', async () => {
    const first = await notify(notifiedCharge())
    const retry = {
      ...first,
      headers: new Headers(await platformHeaders(phpJson(notifiedCharge()), 'F'.repeat(32))),
    }
    expect(webhooks.parse(retry)[0]!.eventId).toBe(webhooks.parse(first)[0]!.eventId)
    expect(await webhooks.verify(ctx, retry, webhooks.parse(retry)[0]!)).toBe(true)
  })

  it('gives a copy with another (unsigned) envelope an event id of its own', async () => {
    const genuine = webhooks.parse(await notify(notifiedCharge()))[0]!
    const changed = webhooks.parse(await notify(notifiedCharge(), 'FAIL'))[0]!
    expect(changed.change.kind).toBe('ignored')
    expect(changed.eventId).not.toBe(genuine.eventId)
  })

  it('acknowledges with the JSON GoPay88 waits for', () => {
    expect(webhooks.methods).toEqual(['POST'])
    expect(webhooks.acknowledgement).toEqual({
      status: 200,
      body: '{"result_code":"OK","result_msg":"SUCCESS"}',
      contentType: 'application/json',
    })
  })
})
