import { describe, expect, it } from 'vitest'
import { STATUS_PATH } from './client'
import { completeReturn, getStatus } from './payments'
import { CONFIG, fakeOzan, json, reference, statusAnswer, TRANSACTION_ID } from './test-context'

describe('getStatus', () => {
  it('asks by apiKey and referenceNo alone and maps APPROVED to a success', async () => {
    const { ctx, sent } = fakeOzan([() => statusAnswer('APPROVED')])
    expect(await getStatus(ctx, reference())).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: TRANSACTION_ID,
    })
    expect(sent[0]!.path).toBe(STATUS_PATH)
    expect(sent[0]!.body).toBe(`{"apiKey":"${CONFIG.apiKey}","referenceNo":"pay_1"}`)
  })

  it('reads an answer with only status and transactionId, as the hosted flow does', async () => {
    const { ctx } = fakeOzan([
      () => json(200, { status: 'APPROVED', transactionId: TRANSACTION_ID }),
    ])
    expect(await getStatus(ctx, reference({ providerPaymentId: null }))).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: TRANSACTION_ID,
    })
  })

  it('learns OzanPay id from the answer when the create answer was lost', async () => {
    const { ctx, sent } = fakeOzan([() => statusAnswer('WAITING')])
    expect(await getStatus(ctx, reference({ providerPaymentId: null }))).toEqual({
      kind: 'pending',
      redirectUrl: '',
      providerPaymentId: TRANSACTION_ID,
    })
    expect(JSON.parse(sent[0]!.body)).toEqual({ apiKey: CONFIG.apiKey, referenceNo: 'pay_1' })
  })

  it('maps DECLINED and ERROR to declines with the message', async () => {
    const declined = fakeOzan([() => statusAnswer('DECLINED', { message: 'Do not honour' })])
    expect(await getStatus(declined.ctx, reference())).toMatchObject({
      kind: 'declined',
      declineCode: 'card_declined',
      message: 'Do not honour',
    })
    const error = fakeOzan([() => statusAnswer('ERROR')])
    expect(await getStatus(error.ctx, reference())).toMatchObject({
      declineCode: 'processing_error',
    })
  })

  it('answers unknown for an unknown status, another payment, or no answer', async () => {
    const cases = [
      () => statusAnswer('REFUNDED'),
      () => statusAnswer('APPROVED', { referenceNo: 'pay_2' }),
      () => statusAnswer('APPROVED', { transactionId: 'other' }),
      () => json(500, {}),
      () => 'network_error' as const,
    ]
    for (const route of cases) {
      expect((await getStatus(fakeOzan([route]).ctx, reference())).kind).toBe('unknown')
    }
  })

  it('does not believe the return fields: the status query decides', async () => {
    const { ctx, sent } = fakeOzan([() => statusAnswer('DECLINED')])
    const outcome = await completeReturn(ctx, reference(), {
      referenceNo: 'pay_1',
      status: 'APPROVED',
      amountProcessed: '10050',
      transactionId: TRANSACTION_ID,
    })
    expect(outcome.kind).toBe('declined')
    expect(sent[0]!.path).toBe(STATUS_PATH)
  })
})
