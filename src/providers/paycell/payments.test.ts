import { describe, expect, it } from 'vitest'
import { recordingFetch } from '../call-log'
import { requestHashData } from './hash'
import { createPayment } from './payments'
import { getStatus } from './returns'
import {
  CARD_TOKEN,
  CONFIG,
  fakePaycell,
  paymentInput as input,
  inquired,
  on,
  paycellAnswer,
  paymentReferenceNumber,
  reference,
  tokenAnswer,
} from './test-context'

describe('Paycell card payments', () => {
  it('tokenizes the card with a hashData, then provisions a SALE in kuruş', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('provision', paycellAnswer()),
    ])
    const outcome = await createPayment(paycell.ctx, input())
    const referenceNumber = await paymentReferenceNumber()
    expect(referenceNumber).toMatch(/^001\d{17}$/)
    expect(outcome).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: referenceNumber,
      amountMinor: 10000,
      currency: 'TRY',
    })
    const [token] = paycell.bodies('getCardTokenSecure') as { header: Record<string, string> }[]
    expect(token).toMatchObject({
      header: { applicationName: 'PAYCELLTEST' },
      creditCardNo: '4355084355084358',
      expireDateMonth: '12',
      expireDateYear: '26',
      cvcNo: '000',
    })
    const { transactionId, transactionDateTime } = token!.header
    expect(transactionDateTime).toBe('20270115122000000')
    expect(transactionId).toMatch(/^20270115122000000\d{3}$/)
    expect((token as Record<string, unknown>).hashData).toBe(
      await requestHashData(CONFIG, transactionId!, transactionDateTime!)
    )
    expect(paycell.bodies('provision')[0]).toEqual({
      requestHeader: {
        applicationName: 'PAYCELLTEST',
        applicationPwd: 'PaycellTestPassword',
        clientIPAddress: '85.34.78.112',
        transactionDateTime: '20270115122000000',
        transactionId: expect.stringMatching(/^\d{20}$/),
      },
      merchantCode: '9998',
      msisdn: '5321234567',
      referenceNumber,
      amount: '10000',
      currency: 'TRY',
      installmentCount: 0,
      paymentType: 'SALE',
      cardToken: CARD_TOKEN,
    })
  })

  it('authorizes only with a PREAUTH', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('provision', paycellAnswer()),
    ])
    const outcome = await createPayment(paycell.ctx, input({ capture: false }))
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'authorized' })
    expect(paycell.bodies('provision')[0]).toMatchObject({ paymentType: 'PREAUTH' })
  })

  it('refuses a card token whose answer hashData does not verify, and charges nothing', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer('x'.repeat(44))),
      on('provision', paycellAnswer()),
    ])
    const outcome = await createPayment(paycell.ctx, input())
    expect(outcome).toMatchObject({ kind: 'declined', declineCode: 'processing_error' })
    expect(paycell.bodies('provision')).toHaveLength(0)
  })

  it("maps the bank's insufficient balance to insufficient_funds", async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('provision', paycellAnswer('4001')),
    ])
    expect(await createPayment(paycell.ctx, input())).toMatchObject({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      providerCode: '4001',
    })
  })

  it('declines a payment without a usable phone number before calling Paycell', async () => {
    const paycell = fakePaycell([])
    const outcome = await createPayment(
      paycell.ctx,
      input({ customer: { name: 'J', surname: 'N', email: 'j@example.com' } })
    )
    expect(outcome).toMatchObject({ kind: 'declined', providerCode: 'msisdn' })
    expect(paycell.sent).toHaveLength(0)
  })

  it('leaves a lost provision answer unknown, and inquire by our reference settles it', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('provision', 'network_error'),
      on('inquire', inquired('SALE', [{ provisionType: 'SALE', amount: '10000' }])),
    ])
    expect(await createPayment(paycell.ctx, input())).toEqual({
      kind: 'unknown',
      reason: 'network_error',
    })
    const referenceNumber = await paymentReferenceNumber()
    expect(await getStatus(paycell.ctx, reference())).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: referenceNumber,
      amountMinor: 10000,
    })
    expect(paycell.bodies('inquire')[0]).toMatchObject({
      msisdn: '5321234567',
      originalReferenceNumber: referenceNumber,
      // Its own reference is used once: the prefix and 17 digits of the transactionId.
      referenceNumber: expect.stringMatching(/^001\d{17}$/),
    })
  })

  it('answers unknown for a payment stored without a Turkish mobile number', async () => {
    const paycell = fakePaycell([])
    expect(await getStatus(paycell.ctx, reference({ customerPhone: null }))).toEqual({
      kind: 'unknown',
      reason: 'payment_facts_missing',
    })
  })
})

describe('Paycell calls in the provider log', () => {
  it('show no card number, CVC, password or card token', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('provision', paycellAnswer()),
    ])
    const recorder = recordingFetch(paycell.ctx.deps.fetch, Object.values(CONFIG), () => 0)
    const ctx = { ...paycell.ctx, deps: { ...paycell.ctx.deps, fetch: recorder.fetch } }
    await createPayment(ctx, input())
    const logged = JSON.stringify(recorder.calls)
    expect(recorder.calls).toHaveLength(2)
    expect(logged).not.toContain('4355084355084358')
    expect(logged).not.toContain('PaycellTestPassword')
    expect(logged).not.toContain(CARD_TOKEN)
    expect(logged).not.toMatch(/cvcNo\\":\\"000/)
  })
})
