import { describe, expect, it } from 'vitest'
import { gopay88Provider as provider } from './adapter'
import { contextWith, errorAnswer, payment, queried, signatureHolds, signedAnswer } from './testing'

describe('GoPay88 orderquery', () => {
  it('asks by mchid, our payment id and the channel, and maps every status', async () => {
    const expected = { 0: 'cancelled', 1: 'pending', 2: 'succeeded', 3: 'declined' } as const
    for (const [status, kind] of Object.entries(expected)) {
      for (const wire of [status, Number(status)]) {
        const { ctx, sent } = contextWith(() => signedAnswer(queried(wire)))
        expect((await provider.getStatus(ctx, payment)).kind).toBe(kind)
        expect(sent[0]!.url).toBe('https://pay.gopay88.io/pay/orderquery')
        expect(sent[0]!.body).toBe(
          '{"mchid":"100001","out_trade_no":"pay_01JTEST","channel":"gopay_bankupi"}'
        )
        expect(await signatureHolds(sent[0]!)).toBe(true)
      }
    }
  })

  it('reports the amount GoPay88 holds, so a different one goes to review', async () => {
    const { ctx } = contextWith(() => signedAnswer(queried('2', { amount: '1.660' })))
    expect(await provider.getStatus(ctx, payment)).toMatchObject({
      kind: 'succeeded',
      amountMinor: 166,
      currency: 'CNY',
    })
  })

  it('finds an order whose create answer was lost under any channel, or stays unknown', async () => {
    const lost = { ...payment, providerPaymentId: null }
    const found = contextWith((request) =>
      JSON.parse(request.body).channel === 'gopay_quickupi'
        ? signedAnswer(queried('2', { channel: 'gopay_quickupi' }))
        : errorAnswer(400, 200000, 'Order does not exist.')
    )
    expect(await provider.getStatus(found.ctx, lost)).toMatchObject({
      kind: 'succeeded',
      providerPaymentId: 'gopay_quickupi:pay_01JTEST',
    })
    expect(found.sent.map((r) => JSON.parse(r.body).channel)).toEqual([
      'gopay_bankupi',
      'gopay_banktransfer',
      'gopay_quickupi',
    ])
    const nowhere = contextWith(() => signedAnswer([], 'FAIL'))
    expect(await provider.getStatus(nowhere.ctx, lost)).toEqual({
      kind: 'unknown',
      reason: 'order_not_found',
    })
  })

  it('never concludes from an error, an undocumented status or another order', async () => {
    for (const answer of [
      () => errorAnswer(403, 400003, 'Invalid Request.[Request Data And Sign Verify Failure.]'),
      () => signedAnswer(queried('WAIT')),
      () => signedAnswer(queried(7)),
      () => signedAnswer(queried('2', { out_trade_no: 'pay_other' })),
      () => new Response('', { status: 500 }),
    ]) {
      expect((await provider.getStatus(contextWith(answer).ctx, payment)).kind).toBe('unknown')
    }
  })

  it('completes a return by asking for the status, whatever the query string says', async () => {
    const { ctx, sent } = contextWith(() => signedAnswer(queried(1)))
    expect(
      await provider.completeReturn(ctx, payment, { status: '2', success: 'true' })
    ).toMatchObject({ kind: 'pending' })
    expect(sent).toHaveLength(1)
  })
})

describe('GoPay88 operations it does not document', () => {
  it('answers not_supported for cancel, refund, capture and recurring, and says so', async () => {
    const { ctx, sent } = contextWith(() => new Response('', { status: 500 }))
    const parent = { ...payment, recurringToken: null, customerEmail: null }
    expect(await provider.cancel(ctx, payment)).toEqual({ kind: 'not_supported' })
    expect(
      await provider.refund(ctx, payment, { refundId: 'ref_1', amountMinor: 1, retry: false })
    ).toEqual({ kind: 'not_supported' })
    expect(await provider.capture(ctx, payment, 1)).toEqual({ kind: 'not_supported' })
    expect(
      await provider.chargeRecurring(ctx, parent, {
        paymentId: 'pay_2',
        amountMinor: 1,
        currency: 'CNY',
      })
    ).toEqual({ kind: 'not_supported' })
    expect(await provider.stopRecurring(ctx, parent)).toEqual({ kind: 'not_supported' })
    expect(sent).toHaveLength(0)
    expect(provider.capabilities).toMatchObject({
      card: false,
      hosted: true,
      refund: false,
      cancel: false,
      capture: false,
      recurring: false,
      webhooks: true,
    })
  })
})
