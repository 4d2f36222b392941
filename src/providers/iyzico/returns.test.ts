import { describe, expect, it } from 'vitest'
import { iyzicoProvider } from './adapter'
import { threeDSReturnSignature } from './returns'
import { CONFIG, fails, fakeIyzico, on, paidAnswer, reference, sdkJson, sign } from './testing'

const TOKEN = 'e828c62d-fd12-4b1a-ad5a-380f15fe6596'

/** What the bank's page posts back, signed as iyzico signs it. */
async function bankReturn(fields: Record<string, string> = {}) {
  const params = {
    status: 'success',
    paymentId: '22416032',
    conversationData: '',
    conversationId: 'pay_01TEST',
    mdStatus: '1',
    ...fields,
  }
  return { ...params, signature: await threeDSReturnSignature(CONFIG.secretKey, params) }
}

const detail = (fields: Record<string, unknown>) => () => paidAnswer(fields)

describe('the return from 3-D Secure', () => {
  it('completes a genuine return with mdStatus 1 through /payment/3dsecure/auth', async () => {
    const iyzico = fakeIyzico([on('/payment/3dsecure/auth', () => paidAnswer({ mdStatus: 1 }))])
    const outcome = await iyzicoProvider.completeReturn(iyzico.ctx, reference(), await bankReturn())
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'successful', amountMinor: 10050 })
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(body).toEqual({ locale: 'tr', conversationId: 'pay_01TEST', paymentId: '22416032' })
    expect(iyzico.sent[0]!.body).toBe(sdkJson('threedsAuth', body))
  })

  it('passes the conversationData the bank sent on', async () => {
    const iyzico = fakeIyzico([on('/payment/3dsecure/auth', () => paidAnswer())])
    await iyzicoProvider.completeReturn(
      iyzico.ctx,
      reference(),
      await bankReturn({ conversationData: 'xyz=1' })
    )
    expect(JSON.parse(iyzico.sent[0]!.body).conversationData).toBe('xyz=1')
  })

  it('fails authentication without charging when mdStatus is not 1', async () => {
    const iyzico = fakeIyzico([])
    const answers: Record<string, string>[] = [
      { mdStatus: '0', status: 'failure' },
      { mdStatus: '4' },
    ]
    for (const fields of answers) {
      const outcome = await iyzicoProvider.completeReturn(
        iyzico.ctx,
        reference(),
        await bankReturn(fields)
      )
      expect(outcome).toMatchObject({
        kind: 'declined',
        declineCode: 'authentication_failed',
        providerCode: `mdStatus:${fields.mdStatus}`,
      })
    }
    expect(iyzico.sent).toHaveLength(0)
  })

  it('asks iyzico instead of believing a return that does not verify or is for another payment', async () => {
    const forged = { ...(await bankReturn()), signature: 'ab'.repeat(32) }
    const other = await bankReturn({ paymentId: '99999999' })
    for (const params of [forged, other, { ...(await bankReturn()), signature: '' }]) {
      const iyzico = fakeIyzico([on('/payment/detail', detail({ paymentStatus: 'INIT_THREEDS' }))])
      const outcome = await iyzicoProvider.completeReturn(iyzico.ctx, reference(), params)
      expect(outcome).toMatchObject({ kind: 'pending' })
      expect(iyzico.paths()).toEqual(['/payment/detail'])
    }
  })

  it('reads the payment back when the completion is refused for another reason than the bank', async () => {
    const iyzico = fakeIyzico([
      on('/payment/3dsecure/auth', () => fails('5092', 'Ödeme bu işlem için uygun durumda değil')),
      on('/payment/detail', detail({ paymentStatus: 'SUCCESS' })),
    ])
    expect(
      await iyzicoProvider.completeReturn(iyzico.ctx, reference(), await bankReturn())
    ).toMatchObject({ kind: 'succeeded' })
  })

  it("leaves the payment to complete later when iyzico's rate limit refused the completion", async () => {
    // The limiter's answer as docs.iyzico.com/en/getting-started/preliminaries/limiters shows it.
    const limited = {
      body: {
        status: 'failure',
        errorCode: 50000,
        errorMessage: 'Request Limit Exceeded',
        locale: 'en',
      },
    }
    const iyzico = fakeIyzico([on('/payment/3dsecure/auth', () => limited)])
    const outcome = await iyzicoProvider.completeReturn(iyzico.ctx, reference(), await bankReturn())
    expect(outcome.kind).toBe('unknown')
    expect(iyzico.paths()).toEqual(['/payment/3dsecure/auth'])
  })

  it("declines with the bank's answer to the completion", async () => {
    const iyzico = fakeIyzico([
      on('/payment/3dsecure/auth', () =>
        fails('10051', 'Kart limiti yetersiz', 'NOT_SUFFICIENT_FUNDS')
      ),
    ])
    expect(
      await iyzicoProvider.completeReturn(iyzico.ctx, reference(), await bankReturn())
    ).toMatchObject({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      providerPaymentId: '22416032',
    })
    expect(iyzico.paths()).toEqual(['/payment/3dsecure/auth'])
  })
})

describe('the return from the checkout form', () => {
  const formPayment = reference({ providerPaymentId: TOKEN })
  const result = async (fields: Record<string, unknown> = {}) => {
    const body = {
      paymentStatus: 'SUCCESS',
      paymentId: '22416032',
      currency: 'TRY',
      basketId: 'pay_01TEST',
      conversationId: 'pay_01TEST',
      paidPrice: 100.5,
      price: 100.5,
      token: TOKEN,
      phase: 'AUTH',
      ...fields,
    }
    const signature = await sign([
      body.paymentStatus as string,
      body.paymentId,
      body.currency,
      body.basketId,
      body.conversationId,
      body.paidPrice,
      body.price,
      body.token,
    ])
    return { body: { status: 'success', signature, ...body } }
  }

  it("reads the form's result with its token", async () => {
    const iyzico = fakeIyzico([
      on('/payment/iyzipos/checkoutform/auth/ecom/detail', () => result()),
    ])
    const outcome = await iyzicoProvider.completeReturn(iyzico.ctx, formPayment, { token: TOKEN })
    expect(outcome).toMatchObject({ kind: 'succeeded', providerPaymentId: '22416032' })
    expect(JSON.parse(iyzico.sent[0]!.body)).toEqual({
      locale: 'tr',
      conversationId: 'pay_01TEST',
      token: TOKEN,
    })
  })

  it('declines a form the shopper did not pay', async () => {
    const failed = () =>
      result({
        paymentStatus: 'FAILURE',
        errorCode: '10005',
        errorGroup: 'DO_NOT_HONOUR',
        errorMessage: 'İşlem onaylanmadı',
      })
    const iyzico = fakeIyzico([on('/payment/iyzipos/checkoutform/auth/ecom/detail', failed)])
    expect(
      await iyzicoProvider.completeReturn(iyzico.ctx, formPayment, { token: TOKEN })
    ).toMatchObject({ kind: 'declined', declineCode: 'card_declined', providerCode: '10005' })
  })

  it('does not count a form result without paymentStatus as paid, and asks iyzico instead', async () => {
    const undecided = async () => {
      const answer = await result()
      const { paymentStatus: _, ...body } = answer.body
      const signed = await sign([
        '',
        '22416032',
        'TRY',
        'pay_01TEST',
        'pay_01TEST',
        100.5,
        100.5,
        TOKEN,
      ])
      return { body: { ...body, signature: signed } }
    }
    const iyzico = fakeIyzico([
      on('/payment/iyzipos/checkoutform/auth/ecom/detail', undecided),
      on('/payment/detail', () => fails('5093', 'Ödeme bulunamadı')),
    ])
    const outcome = await iyzicoProvider.completeReturn(iyzico.ctx, formPayment, { token: TOKEN })
    expect(outcome).toMatchObject({ kind: 'pending' })
    expect(iyzico.paths()).toEqual([
      '/payment/iyzipos/checkoutform/auth/ecom/detail',
      '/payment/detail',
    ])
  })

  it("never reads a form other than the payment's own", async () => {
    const iyzico = fakeIyzico([on('/payment/detail', () => fails('5093', 'Ödeme bulunamadı'))])
    const outcome = await iyzicoProvider.completeReturn(iyzico.ctx, formPayment, {
      token: 'another',
    })
    expect(outcome).toMatchObject({ kind: 'pending' })
    expect(iyzico.paths()).toEqual(['/payment/detail'])
  })
})

describe('the status of a payment', () => {
  it("is asked by the gateway's payment id when iyzico's is not known", async () => {
    const iyzico = fakeIyzico([on('/payment/detail', detail({ paymentStatus: 'SUCCESS' }))])
    const outcome = await iyzicoProvider.getStatus(
      iyzico.ctx,
      reference({ providerPaymentId: null })
    )
    expect(outcome).toMatchObject({ kind: 'succeeded', providerPaymentId: '22416032' })
    const body = JSON.parse(iyzico.sent[0]!.body)
    expect(body).toEqual({
      locale: 'tr',
      conversationId: 'pay_01TEST',
      paymentConversationId: 'pay_01TEST',
    })
    expect(iyzico.sent[0]!.body).toBe(sdkJson('retrieve', body))
  })

  it('completes a 3-D Secure payment whose bank said yes but whose shopper never came back', async () => {
    const iyzico = fakeIyzico([
      on('/payment/detail', detail({ paymentStatus: 'CALLBACK_THREEDS', mdStatus: 1 })),
      on('/payment/3dsecure/auth', () => paidAnswer()),
    ])
    expect(await iyzicoProvider.getStatus(iyzico.ctx, reference())).toMatchObject({
      kind: 'succeeded',
    })
    expect(iyzico.paths()).toEqual(['/payment/detail', '/payment/3dsecure/auth'])
  })

  it('fails a 3-D Secure payment whose bank said no, and waits for one still at the bank', async () => {
    const failed = fakeIyzico([
      on('/payment/detail', detail({ paymentStatus: 'CALLBACK_THREEDS', mdStatus: 0 })),
    ])
    expect(await iyzicoProvider.getStatus(failed.ctx, reference())).toMatchObject({
      kind: 'declined',
      declineCode: 'authentication_failed',
    })
    const waiting = fakeIyzico([on('/payment/detail', detail({ paymentStatus: 'INIT_THREEDS' }))])
    expect(await iyzicoProvider.getStatus(waiting.ctx, reference())).toEqual({
      kind: 'pending',
      redirectUrl: '',
      providerPaymentId: '22416032',
    })
  })

  it('reports a pre-authorization as authorized and a captured one with what was captured', async () => {
    const pre = fakeIyzico([
      on('/payment/detail', detail({ paymentStatus: 'SUCCESS', phase: 'PRE_AUTH' })),
    ])
    expect(await iyzicoProvider.getStatus(pre.ctx, reference())).toMatchObject({
      status: 'authorized',
    })
    const post = fakeIyzico([
      on(
        '/payment/detail',
        detail({ paymentStatus: 'SUCCESS', phase: 'POST_AUTH', paidPrice: 50 })
      ),
    ])
    expect(await iyzicoProvider.getStatus(post.ctx, reference())).toMatchObject({
      status: 'successful',
      amountMinor: 10050,
      capturedMinor: 5000,
    })
  })

  it('is unknown when iyzico has no payment yet, but keeps an open checkout form waiting', async () => {
    const none = () => fails('5093', 'Ödeme bulunamadı')
    const lost = fakeIyzico([on('/payment/detail', none)])
    expect(
      (await iyzicoProvider.getStatus(lost.ctx, reference({ providerPaymentId: null }))).kind
    ).toBe('unknown')
    const form = fakeIyzico([on('/payment/detail', none)])
    expect(
      await iyzicoProvider.getStatus(form.ctx, reference({ providerPaymentId: TOKEN }))
    ).toMatchObject({
      kind: 'pending',
    })
    // A failed attempt leaves the form open for another card.
    const retry = fakeIyzico([on('/payment/detail', detail({ paymentStatus: 'FAILURE' }))])
    expect(
      await iyzicoProvider.getStatus(retry.ctx, reference({ providerPaymentId: TOKEN }))
    ).toMatchObject({
      kind: 'pending',
    })
  })
})
