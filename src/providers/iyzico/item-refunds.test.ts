import { describe, expect, it } from 'vitest'
import { iyzicoProvider } from './adapter'
import { splitOverItems } from './item-refunds'
import {
  CONFIG,
  fails,
  fakeIyzico,
  itemAnswer,
  listing,
  made,
  noSuchPath,
  on,
  paidAnswer,
  reference,
  refundInput as refund,
  sdk,
  sdkJson,
  sentParts,
  threeItems,
} from './testing'

describe('splitting a refund over item transactions', () => {
  const items = [
    { paymentTransactionId: 'A', leftMinor: 1000 },
    { paymentTransactionId: 'B', leftMinor: 0 },
    { paymentTransactionId: 'C', leftMinor: 5000 },
  ]

  it('takes from the items in order, none more than it has left', () => {
    expect(splitOverItems(items, 700)).toEqual([{ paymentTransactionId: 'A', amountMinor: 700 }])
    expect(splitOverItems(items, 3000)).toEqual([
      { paymentTransactionId: 'A', amountMinor: 1000 },
      { paymentTransactionId: 'C', amountMinor: 2000 },
    ])
    expect(splitOverItems(items, 6000)).toHaveLength(2)
  })

  it('has no split when the items have too little left', () => {
    expect(splitOverItems(items, 6001)).toBeUndefined()
    expect(splitOverItems([], 1)).toBeUndefined()
  })
})

describe('a refund where iyzico has no /v2/payment/refund', () => {
  it('is sent to /payment/refund per item, exactly as iyzipay-node writes Refund.create', async () => {
    for (const status of [404, 405]) {
      const iyzico = fakeIyzico([
        on('/v2/payment/refund', () => noSuchPath(status)),
        on('/payment/detail', () => paidAnswer({ paymentStatus: 'SUCCESS' })),
        on('/v2/reporting/payment/details', () => listing()),
        on('/payment/refund', itemAnswer),
      ])
      const outcome = await iyzicoProvider.refund(iyzico.ctx, reference(), refund(2512))
      expect(outcome).toEqual({ kind: 'succeeded', providerReference: 'rfn-24386041' })
      expect(iyzico.paths()).toEqual([
        '/v2/payment/refund',
        '/payment/detail',
        '/v2/reporting/payment/details',
        '/payment/refund',
      ])
      const sent = iyzico.sent[3]!
      const fields = {
        locale: 'tr',
        conversationId: 'ref_1',
        paymentTransactionId: '24386041',
        price: '25.12',
        currency: 'TRY',
        ip: '127.0.0.1',
      }
      expect(sent.body).toBe(sdkJson('refund', fields))
      expect(sent.body).toBe(
        '{"locale":"tr","conversationId":"ref_1","paymentTransactionId":"24386041","price":"25.12","ip":"127.0.0.1","currency":"TRY"}'
      )
      const rnd = sent.headers['x-iyzi-rnd']!
      expect(sent.headers.authorization).toBe(
        sdk.generateAuthorizationHeaderV2(
          'IYZWSv2',
          CONFIG.apiKey,
          ':',
          CONFIG.secretKey,
          '/payment/refund',
          JSON.parse(sdkJson('refund', fields)),
          rnd
        )
      )
    }
  })

  it('writes whole amounts as formatPrice does', async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => listing()),
      on('/payment/refund', itemAnswer),
    ])
    await iyzicoProvider.refund(iyzico.ctx, reference(), refund(3000))
    expect(sentParts(iyzico)).toEqual([['24386041', '30.0']])
    expect(sdk.formatPrice('30.00')).toBe('30.0')
  })

  it('splits over the items in order, each within what iyzico lists as left on it', async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      // 10 TRY of item A went back under another refund before.
      on('/v2/reporting/payment/details', () => listing([made('ref_0', 10)])),
      on('/payment/refund', itemAnswer),
    ])
    const outcome = await iyzicoProvider.refund(iyzico.ctx, reference(), refund(7550))
    expect(outcome).toEqual({
      kind: 'succeeded',
      providerReference: 'rfn-24386041,rfn-24386042,rfn-24386043',
    })
    expect(sentParts(iyzico)).toEqual([
      ['24386041', '20.0'],
      ['24386042', '50.0'],
      ['24386043', '5.5'],
    ])
  })

  it("takes the gateway's booked refunds from the items in order when iyzico lists nothing", async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => 'network_error'),
      on('/payment/refund', itemAnswer),
    ])
    const booked = reference({ refundedMinor: 3500 })
    expect((await iyzicoProvider.refund(iyzico.ctx, booked, refund(1000))).kind).toBe('succeeded')
    expect(sentParts(iyzico)).toEqual([['24386042', '10.0']])
  })

  it('refuses without sending anything when the items have less left than asked', async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => listing([made('ref_0', 30)])),
    ])
    const outcome = await iyzicoProvider.refund(iyzico.ctx, reference(), refund(7100))
    expect(outcome.kind).toBe('rejected')
    expect(sentParts(iyzico)).toEqual([])
  })

  it("passes iyzico's refusal of the first part on: nothing moved", async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () => noSuchPath()),
      on('/payment/detail', threeItems),
      on('/v2/reporting/payment/details', () => listing()),
      on('/payment/refund', () => fails('5095', 'İade tutarı iade edilebilir tutarı aşıyor')),
    ])
    expect(await iyzicoProvider.refund(iyzico.ctx, reference(), refund(5000))).toEqual({
      kind: 'rejected',
      reason: 'İade tutarı iade edilebilir tutarı aşıyor',
      providerCode: '5095',
    })
  })

  it('does not fall back when iyzico knows the path and refuses', async () => {
    const iyzico = fakeIyzico([
      on('/v2/payment/refund', () =>
        fails('5092', 'Ödeme bu işlem için uygun durumda değil', undefined, 400)
      ),
    ])
    expect((await iyzicoProvider.refund(iyzico.ctx, reference(), refund(100))).kind).toBe(
      'rejected'
    )
    expect(iyzico.paths()).toEqual(['/v2/payment/refund'])
  })
})
