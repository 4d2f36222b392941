import { describe, expect, it } from 'vitest'
import { paparaProvider as papara } from './adapter'
import { failed, fakePapara, PAPARA_ID, paparaPayment, reference, succeeded } from './test-context'

describe('Papara status', () => {
  it('asks GET /payments?id= and reports a completed payment with its amount and currency', async () => {
    const p = fakePapara([() => succeeded(paparaPayment())])
    expect(await papara.getStatus(p.ctx, reference())).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: PAPARA_ID,
      amountMinor: 1835,
      currency: 'TRY',
    })
    expect(p.sent[0]).toMatchObject({ method: 'GET', path: `/payments?id=${PAPARA_ID}`, body: '' })
  })

  it('finds a payment whose create answer was lost by our reference', async () => {
    const p = fakePapara([() => succeeded(paparaPayment({ status: 0 }))])
    const outcome = await papara.getStatus(p.ctx, reference({ providerPaymentId: null }))
    expect(outcome).toEqual({ kind: 'pending', redirectUrl: '', providerPaymentId: PAPARA_ID })
    expect(p.sent[0]!.path).toBe('/payments/reference?referenceId=pay_34')
  })

  it('reports a refunded payment as paid, with what Papara says was paid', async () => {
    const p = fakePapara([() => succeeded(paparaPayment({ status: 2, amount: 20, currency: 2 }))])
    expect(await papara.getStatus(p.ctx, reference())).toMatchObject({
      kind: 'succeeded',
      amountMinor: 2000,
      currency: 'EUR',
    })
  })

  it('does not trust a payment of another reference, an unknown status, or a refusal', async () => {
    for (const answer of [
      succeeded(paparaPayment({ referenceId: 'pay_other' })),
      succeeded(paparaPayment({ id: 'another-id' })),
      succeeded(paparaPayment({ status: 3 })),
      failed(998, 'Payment not found'),
    ]) {
      const p = fakePapara([() => answer])
      expect((await papara.getStatus(p.ctx, reference())).kind).toBe('unknown')
    }
  })
})

describe('Papara return', () => {
  it('completes from the status query when the shopper paid', async () => {
    const p = fakePapara([() => succeeded(paparaPayment())])
    const outcome = await papara.completeReturn(p.ctx, reference(), { status: '1' })
    expect(outcome).toMatchObject({ kind: 'succeeded', amountMinor: 1835 })
  })

  it('keeps a payment still waiting pending when the shopper is back: it may still be paid', async () => {
    const p = fakePapara([() => succeeded(paparaPayment({ status: 0 }))])
    const outcome = await papara.completeReturn(p.ctx, reference(), { status: '0' })
    expect(outcome).toEqual({ kind: 'pending', redirectUrl: '', providerPaymentId: PAPARA_ID })
  })

  it('believes neither a query string that claims payment nor one that claims failure', async () => {
    const waiting = fakePapara([() => succeeded(paparaPayment({ status: 0 }))])
    expect((await papara.completeReturn(waiting.ctx, reference(), { status: '1' })).kind).toBe(
      'pending'
    )
    const paid = fakePapara([() => succeeded(paparaPayment())])
    expect((await papara.completeReturn(paid.ctx, reference(), { status: '0' })).kind).toBe(
      'succeeded'
    )
  })
})
