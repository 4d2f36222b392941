import { describe, expect, it } from 'vitest'
import { refund } from './operations'
import { getStatus } from './returns'
import { fakePaycell, inquired, on, paycellAnswer, reference, remembered } from './test-context'

describe('Paycell inquire answers with values it does not document', () => {
  it('reads a payment whose history holds an unknown entry, and counts no money from it', async () => {
    const history = inquired('PREAUTH', [
      { provisionType: 'PARTIAL_POSTAUTH', amount: '4000' },
      { provisionType: 'PREAUTH', amount: '10000' },
    ])
    const paycell = fakePaycell([on('inquire', history)], remembered())
    const outcome = await getStatus(paycell.ctx, reference({ authorizeOnly: true }))
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'authorized', amountMinor: 10000 })
    expect(outcome).not.toHaveProperty('capturedMinor')
  })

  it('leaves a payment whose status is unknown unknown, never guessing a state', async () => {
    const history = inquired('CHARGEBACK', [{ provisionType: 'SALE', amount: '10000' }])
    const paycell = fakePaycell([on('inquire', history)], remembered())
    expect(await getStatus(paycell.ctx, reference())).toEqual({
      kind: 'unknown',
      reason: 'inquire_status_CHARGEBACK',
    })
  })

  it('takes the newest known entry when the answer has no status', async () => {
    const withoutStatus = paycellAnswer('0', {
      status: null,
      provisionList: [
        { provisionType: 'SOMETHING_NEW', amount: '1' },
        { provisionType: 'REVERSE', amount: '10000' },
        { provisionType: 'SALE', amount: '10000' },
      ],
    })
    const paycell = fakePaycell([on('inquire', withoutStatus)], remembered())
    expect(await getStatus(paycell.ctx, reference())).toMatchObject({ kind: 'cancelled' })
  })

  it('never refunds against an entry it does not understand', async () => {
    const history = inquired('SALE', [
      { provisionType: 'SALE_V2', amount: '10000', reconciliationDate: '20270110' },
    ])
    const paycell = fakePaycell([on('inquire', history)], remembered())
    const outcome = await refund(paycell.ctx, reference(), {
      refundId: 'ref_1',
      amountMinor: 2500,
      retry: false,
    })
    // Without a known charge the sale counts as today's: a part refund is not possible yet.
    expect(outcome).toMatchObject({ kind: 'not_supported' })
    expect(paycell.bodies('refund')).toHaveLength(0)
  })
})
