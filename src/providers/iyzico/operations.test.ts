import { describe, expect, it } from 'vitest'
import { iyzicoProvider } from './adapter'
import { authorizationHeader } from './signing'
import { CONFIG, fails, fakeIyzico, ok, on, paidAnswer, reference, sdkJson, sign } from './testing'

const refundAnswer = async (conversationId = 'ref_1', price = 25.12) =>
  ok({
    conversationId,
    paymentId: '22416032',
    price,
    currency: 'TRY',
    refundHostReference: 'mock00007iyzihostrfn',
    retryable: false,
    signature: await sign(['22416032', conversationId]),
  })

const reporting = (refunds: Record<string, unknown>[], cancels: Record<string, unknown>[] = []) =>
  ok({
    payments: [
      {
        paymentId: 22416032,
        paymentStatus: 1,
        paymentConversationId: 'pay_01TEST',
        cancels,
        itemTransactions: [{ paymentTransactionId: 24386041, refunds }],
      },
    ],
  })

describe('capture', () => {
  it('posts the amount to /payment/postauth as iyzipay-node does', async () => {
    const iyzico = fakeIyzico([on('/payment/postauth', () => paidAnswer({ phase: 'POST_AUTH' }))])
    const outcome = await iyzicoProvider.capture(
      iyzico.ctx,
      reference({ authorizeOnly: true }),
      5025
    )
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: '22416032' })
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(body).toEqual({
      locale: 'tr',
      conversationId: 'pay_01TEST',
      paymentId: '22416032',
      ip: '127.0.0.1',
      paidPrice: '50.25',
      currency: 'TRY',
    })
    expect(iyzico.sent[0]!.body).toBe(sdkJson('postAuth', body))
  })

  it('counts a capture iyzico already made (an answer lost before) as made', async () => {
    const iyzico = fakeIyzico([
      on('/payment/postauth', () => fails('5092', 'Ödeme bu işlem için uygun durumda değil')),
      on('/payment/detail', () => paidAnswer({ paymentStatus: 'SUCCESS', phase: 'POST_AUTH' })),
    ])
    expect(await iyzicoProvider.capture(iyzico.ctx, reference(), 10050)).toMatchObject({
      kind: 'succeeded',
    })
  })

  it("passes iyzico's refusal on", async () => {
    const iyzico = fakeIyzico([
      on('/payment/postauth', () => fails('5092', 'Ödeme bu işlem için uygun durumda değil')),
      on('/payment/detail', () => paidAnswer({ paymentStatus: 'SUCCESS', phase: 'PRE_AUTH' })),
    ])
    expect(await iyzicoProvider.capture(iyzico.ctx, reference(), 10050)).toEqual({
      kind: 'rejected',
      reason: 'Ödeme bu işlem için uygun durumda değil',
      providerCode: '5092',
    })
  })
})

describe('cancel', () => {
  it('voids a paid payment with /payment/cancel', async () => {
    const iyzico = fakeIyzico([
      on('/payment/detail', () => paidAnswer({ paymentStatus: 'SUCCESS', phase: 'PRE_AUTH' })),
      on('/payment/cancel', () => ok({ paymentId: '22416032', price: 100.5, currency: 'TRY' })),
    ])
    expect(await iyzicoProvider.cancel(iyzico.ctx, reference())).toEqual({
      kind: 'succeeded',
      providerReference: '22416032',
    })
    expect(JSON.parse(iyzico.sent[1]!.body)).toEqual({
      locale: 'tr',
      conversationId: 'pay_01TEST',
      paymentId: '22416032',
      ip: '127.0.0.1',
    })
  })

  it('has nothing to void on a payment iyzico never charged', async () => {
    const threeDS = fakeIyzico([
      on('/payment/detail', () => paidAnswer({ paymentStatus: 'INIT_THREEDS' })),
    ])
    expect((await iyzicoProvider.cancel(threeDS.ctx, reference())).kind).toBe('succeeded')
    const form = fakeIyzico([on('/payment/detail', () => fails('5093', 'Ödeme bulunamadı'))])
    const token = reference({ providerPaymentId: 'e828c62d-fd12-4b1a-ad5a-380f15fe6596' })
    expect((await iyzicoProvider.cancel(form.ctx, token)).kind).toBe('succeeded')
    expect([...threeDS.paths(), ...form.paths()]).not.toContain('/payment/cancel')
  })

  it('counts a cancel the reporting API lists as made, and passes other refusals on', async () => {
    const refused = () => fails('5096', 'Ödeme aynı gün içinde iptal edilebilir')
    const routes = (cancels: Record<string, unknown>[]) => [
      on('/payment/detail', () => paidAnswer({ paymentStatus: 'SUCCESS' })),
      on('/payment/cancel', refused),
      on('/v2/reporting/payment/details', () => reporting([], cancels)),
    ]
    const done = fakeIyzico(routes([{ cancelConversationId: 'pay_01TEST', refundStatus: 1 }]))
    expect((await iyzicoProvider.cancel(done.ctx, reference())).kind).toBe('succeeded')
    const late = fakeIyzico(routes([]))
    expect(await iyzicoProvider.cancel(late.ctx, reference())).toMatchObject({
      kind: 'rejected',
      providerCode: '5096',
    })
  })
})

describe('refund', () => {
  it('refunds by payment and amount at /v2/payment/refund, the refund id as conversationId', async () => {
    const iyzico = fakeIyzico([on('/v2/payment/refund', () => refundAnswer())])
    const outcome = await iyzicoProvider.refund(iyzico.ctx, reference(), {
      refundId: 'ref_1',
      amountMinor: 2512,
      retry: false,
    })
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: 'mock00007iyzihostrfn' })
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(body).toEqual({
      locale: 'tr',
      conversationId: 'ref_1',
      price: '25.12',
      paymentId: '22416032',
      currency: 'TRY',
      ip: '127.0.0.1',
    })
    expect(iyzico.sent[0]!.body).toBe(sdkJson('refundV2', body))
  })

  it('accepts the signature order of iyzipay-java too, and nothing else', async () => {
    const javaSigned = async () =>
      ok({
        conversationId: 'ref_1',
        paymentId: '22416032',
        price: 25.12,
        currency: 'TRY',
        signature: await sign(['22416032', 25.12, 'TRY', 'ref_1']),
      })
    const java = fakeIyzico([on('/v2/payment/refund', javaSigned)])
    const refund = { refundId: 'ref_1', amountMinor: 2512, retry: false }
    expect((await iyzicoProvider.refund(java.ctx, reference(), refund)).kind).toBe('succeeded')
    const forged = fakeIyzico([
      on('/v2/payment/refund', async () =>
        ok({ paymentId: '22416032', signature: await sign(['x']) })
      ),
    ])
    expect((await iyzicoProvider.refund(forged.ctx, reference(), refund)).kind).toBe('unknown')
  })

  it('looks a retried refund up in the reporting API before sending it again', async () => {
    const made = fakeIyzico([
      on('/v2/reporting/payment/details', () =>
        reporting([{ refundConversationId: 'ref_1', refundPrice: 25.12, refundStatus: 1 }])
      ),
    ])
    const retry = { refundId: 'ref_1', amountMinor: 2512, retry: true }
    expect((await iyzicoProvider.refund(made.ctx, reference(), retry)).kind).toBe('succeeded')
    expect(made.paths()).toEqual(['/v2/reporting/payment/details'])
    const query = made.sent[0]!
    expect(query.method).toBe('GET')
    expect(query.body).toBe('')
    expect(query.query.get('paymentConversationId')).toBe('pay_01TEST')
    // A GET signs the path alone (iyzipay-java, iyzipay-php).
    expect(query.headers.authorization).toBe(
      await authorizationHeader({
        ...CONFIG,
        randomKey: query.headers['x-iyzi-rnd']!,
        uriPath: '/v2/reporting/payment/details',
        body: '',
      })
    )

    const missing = fakeIyzico([
      on('/v2/reporting/payment/details', () =>
        reporting([{ refundConversationId: 'ref_0', refundStatus: 1 }])
      ),
      on('/v2/payment/refund', () => refundAnswer()),
    ])
    expect((await iyzicoProvider.refund(missing.ctx, reference(), retry)).kind).toBe('succeeded')
    expect(missing.paths()).toEqual(['/v2/reporting/payment/details', '/v2/payment/refund'])
  })

  it("passes iyzico's refusal on, and is unknown when no answer came", async () => {
    const refused = fakeIyzico([
      on('/v2/payment/refund', () => fails('5095', 'İade tutarı iade edilebilir tutarı aşıyor')),
    ])
    const refund = { refundId: 'ref_1', amountMinor: 2512, retry: false }
    expect((await iyzicoProvider.refund(refused.ctx, reference(), refund)).kind).toBe('rejected')
    const lost = fakeIyzico([on('/v2/payment/refund', () => 'network_error')])
    expect((await iyzicoProvider.refund(lost.ctx, reference(), refund)).kind).toBe('unknown')
  })
})
