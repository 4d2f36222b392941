import { describe, expect, it } from 'vitest'
import { createPayment } from './payments'
import { completeReturn, getStatus } from './returns'
import {
  CARD_TOKEN,
  FACTS,
  fakePaycell,
  paymentInput as input,
  inquired,
  on,
  paycellAnswer,
  reference,
  remembered,
  tokenAnswer,
} from './test-context'

describe('Paycell 3-D Secure', () => {
  const RETURN = 'https://gateway.test/v1/callback/paycell?state=abc'
  const session = {
    ...FACTS,
    threeDSessionId: 'f547e92e-0675-4329-90ba-a85bea0dbaf7',
    cardToken: CARD_TOKEN,
  }
  const passed = paycellAnswer('0', {
    mdStatus: '1',
    threeDOperationResult: { threeDResult: '0', threeDResultDescription: '3D Dogrulama basarili' },
  })

  it('opens a session and hands the shopper a form without card data', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('getThreeDSession', paycellAnswer('0', { threeDSessionId: session.threeDSessionId })),
    ])
    const outcome = await createPayment(paycell.ctx, input({ threeDS: true, returnUrl: RETURN }))
    expect(outcome).toMatchObject({
      kind: 'pending',
      redirectUrl: '',
      page: {
        kind: 'form',
        action: 'https://paycell.test/paymentmanagement/rest/threeDSecure',
        method: 'POST',
        fields: {
          threeDSessionId: session.threeDSessionId,
          callbackurl: RETURN,
          callbackUrl: RETURN,
        },
      },
    })
    expect(JSON.stringify(outcome)).not.toContain('4355084355084358')
    expect(paycell.bodies('getThreeDSession')[0]).toMatchObject({
      amount: '10000',
      cardToken: CARD_TOKEN,
      merchantCode: '9998',
      msisdn: '5321234567',
      target: 'MERCHANT',
      transactionType: 'AUTH',
    })
    expect(paycell.bodies('getThreeDSession')[0]).not.toHaveProperty('referenceNumber')
  })

  it('opens the session of an authorize-only payment for a PREAUTH', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('getThreeDSession', paycellAnswer('0', { threeDSessionId: session.threeDSessionId })),
    ])
    await createPayment(paycell.ctx, input({ threeDS: true, returnUrl: RETURN, capture: false }))
    expect(paycell.bodies('getThreeDSession')[0]).toMatchObject({ transactionType: 'PREAUTH' })
  })

  it('provisions with the installment count the session was opened with', async () => {
    const paycell = fakePaycell([
      on('getCardTokenSecure', tokenAnswer()),
      on('getThreeDSession', paycellAnswer('0', { threeDSessionId: session.threeDSessionId })),
      on('getThreeDSessionResult', passed),
      on('provision', paycellAnswer()),
    ])
    await createPayment(
      paycell.ctx,
      input({ threeDS: true, returnUrl: RETURN, installmentCount: 3 })
    )
    expect(paycell.bodies('getThreeDSession')[0]).toMatchObject({ installmentCount: 3 })
    // The create kept it in the sealed session cache; the return reads it back from there.
    expect(await completeReturn(paycell.ctx, reference())).toMatchObject({ kind: 'succeeded' })
    expect(paycell.bodies('provision')[0]).toMatchObject({
      threeDSessionId: session.threeDSessionId,
      installmentCount: 3,
    })
  })

  it('provisions with the threeDSessionId once getThreeDSessionResult says authenticated', async () => {
    const paycell = fakePaycell(
      [on('getThreeDSessionResult', passed), on('provision', paycellAnswer())],
      remembered(session)
    )
    expect(await completeReturn(paycell.ctx, reference())).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
    })
    expect(paycell.bodies('provision')[0]).toMatchObject({
      threeDSessionId: session.threeDSessionId,
      cardToken: CARD_TOKEN,
      installmentCount: 0,
      paymentType: 'SALE',
    })
    // The session result is asked without a referenceNumber (fuel payments only).
    const [asked] = paycell.bodies('getThreeDSessionResult')
    expect(asked).toMatchObject({ threeDSessionId: session.threeDSessionId, merchantCode: '9998' })
    expect(asked).not.toHaveProperty('referenceNumber')
  })

  it('declines on return when the bank did not authenticate', async () => {
    const failed = paycellAnswer('0', {
      threeDOperationResult: {
        threeDResult: '1',
        threeDResultDescription: '3D dogrulama basarisiz',
      },
    })
    const paycell = fakePaycell([on('getThreeDSessionResult', failed)], remembered(session))
    expect(await completeReturn(paycell.ctx, reference())).toMatchObject({
      kind: 'declined',
      declineCode: 'authentication_failed',
    })
    expect(paycell.bodies('provision')).toHaveLength(0)
  })

  it('keeps a payment whose shopper is still at the bank pending', async () => {
    const waiting = paycellAnswer('0', { threeDOperationResult: { threeDResult: '1' } })
    const paycell = fakePaycell(
      [on('inquire', paycellAnswer('2013')), on('getThreeDSessionResult', waiting)],
      remembered(session)
    )
    expect(await getStatus(paycell.ctx, reference())).toMatchObject({ kind: 'pending' })
  })

  it('settles a used session by inquiry instead of provisioning twice', async () => {
    const paycell = fakePaycell(
      [
        on('getThreeDSessionResult', passed),
        on('provision', paycellAnswer('1023')),
        on('inquire', inquired('SALE', [{ provisionType: 'SALE', amount: '10000' }])),
      ],
      remembered(session)
    )
    expect(await completeReturn(paycell.ctx, reference())).toMatchObject({
      kind: 'succeeded',
      status: 'successful',
    })
  })
})
