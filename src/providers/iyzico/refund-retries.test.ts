import { describe, expect, it } from 'vitest'
import { iyzicoProvider } from './adapter'
import {
  fails,
  fakeIyzico,
  itemAnswer,
  listing,
  made,
  noSuchPath,
  on,
  reference,
  refundInput as refund,
  sentParts,
  threeItems,
} from './testing'

describe('a refund made in parts that does not finish', () => {
  /** Item B refuses the first time: item A's part went through. */
  function halfWay() {
    let refusals = 1
    return fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => listing()),
      on('/payment/refund', (body) =>
        body.paymentTransactionId === '24386042' && refusals-- > 0
          ? fails('10214', 'İletişim veya sistem hatası', 'COMMUNICATION_OR_SYSTEM_ERROR')
          : itemAnswer(body)
      ),
    ])
  }

  it('is unknown, never refused, once a part has moved', async () => {
    const iyzico = halfWay()
    const outcome = await iyzicoProvider.refund(iyzico.ctx, reference(), refund(6000))
    expect(outcome.kind).toBe('unknown')
    expect(outcome).toMatchObject({ reason: expect.stringContaining('3000 of 6000') })
    expect(sentParts(iyzico)).toEqual([
      ['24386041', '30.0'],
      ['24386042', '30.0'],
    ])
  })

  it('is unknown when a later answer is lost', async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => listing()),
      on('/payment/refund', (body) =>
        body.paymentTransactionId === '24386042' ? 'network_error' : itemAnswer(body)
      ),
    ])
    expect((await iyzicoProvider.refund(iyzico.ctx, reference(), refund(6000))).kind).toBe(
      'unknown'
    )
  })

  it('sends only the rest when sent again, by what iyzico lists under the refund id', async () => {
    const iyzico = fakeIyzico([
      on('/v2/reporting/payment/details', () => listing([made('ref_1', 30)])),
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/payment/refund', itemAnswer),
    ])
    const outcome = await iyzicoProvider.refund(iyzico.ctx, reference(), refund(6000, true))
    expect(outcome.kind).toBe('succeeded')
    expect(iyzico.paths()).toEqual([
      '/v2/reporting/payment/details',
      '/v2/payment/refund',
      '/payment/detail',
      '/payment/refund',
    ])
    expect(JSON.parse(iyzico.sent[1]!.body)).toMatchObject({ price: '30.0' })
    expect(sentParts(iyzico)).toEqual([['24386042', '30.0']])
  })

  it('sends nothing again when every part is listed, and waits while the listing cannot be read', async () => {
    const done = fakeIyzico([
      on('/v2/reporting/payment/details', () => listing([made('ref_1', 30)], [made('ref_1', 30)])),
    ])
    expect(await iyzicoProvider.refund(done.ctx, reference(), refund(6000, true))).toEqual({
      kind: 'succeeded',
    })
    expect(done.paths()).toEqual(['/v2/reporting/payment/details'])
    const unreadable = fakeIyzico([
      on('/v2/reporting/payment/details', () =>
        listing([{ refundConversationId: 'ref_1', refundStatus: 1 }])
      ),
    ])
    expect(
      (await iyzicoProvider.refund(unreadable.ctx, reference(), refund(6000, true))).kind
    ).toBe('unknown')
    const down = fakeIyzico([on('/v2/reporting/payment/details', () => 'network_error')])
    expect((await iyzicoProvider.refund(down.ctx, reference(), refund(6000, true))).kind).toBe(
      'unknown'
    )
    expect(down.paths()).toEqual(['/v2/reporting/payment/details'])
  })

  it('does not believe a part answered for another item or amount', async () => {
    const other = async (body: Record<string, unknown>) =>
      itemAnswer({ ...body, price: Number(body.price) + 1 })
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => listing()),
      on('/payment/refund', other),
    ])
    expect((await iyzicoProvider.refund(iyzico.ctx, reference(), refund(1000))).kind).toBe(
      'unknown'
    )
  })
})
