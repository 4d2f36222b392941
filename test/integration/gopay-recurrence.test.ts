/**
 * GoPay CZ recurring charges that GoPay has not made yet when it answers (doc: the child is
 * usually still CREATED): the charge is processing, with GoPay's id and no page for anyone, until
 * GoPay's notification for it is delivered and the status query finds it paid.
 */
import { describe, expect, it } from 'vitest'
import { gopayProfile } from '../conformance/gopay'
import { harnessFor, type ProviderPayment } from '../conformance/harness'
import { SIMULATORS_ORIGIN } from '../conformance/simulators'
import { call } from '../helpers/http'

const simulatorControl = async (name: string, merchant: string) => {
  const res = await fetch(`${SIMULATORS_ORIGIN}/gopay/__sim/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ merchant }),
  })
  return res.json<Record<string, unknown>>()
}

describe('GoPay recurring charges', () => {
  it('keeps a charge GoPay is still making processing until its notification says it is paid', async () => {
    const h = await harnessFor(gopayProfile)
    const parent = await h.paid({ recurring: true, ...gopayProfile.redirect })
    expect(parent.recurring).toBe('active')
    await simulatorControl('slow_recurrences', h.account.merchant)

    const charge = await call<ProviderPayment>(
      'POST',
      `/v1/payments/gopay/${parent.paymentId}/recurrence`,
      { token: h.tenant.token, body: { amount: '40.00', currency: 'CZK' } }
    )
    expect(charge.status, JSON.stringify(charge.body)).toBe(202)
    expect(charge.body).toMatchObject({ status: 'processing', parentPaymentId: parent.paymentId })
    expect(charge.body.transactionId).toBeTruthy()

    expect(await simulatorControl('charge_recurrences', h.account.merchant)).toEqual({ charged: 1 })
    const delivered = await h.deliver()
    expect(delivered).toEqual([200])
    expect(await h.get(charge.body.paymentId)).toMatchObject({
      status: 'successful',
      amountMinor: 4000,
      parentPaymentId: parent.paymentId,
    })
  })
})

describe('a payment GoPay cannot take', () => {
  it('says why: the currencies GoPay takes', async () => {
    const h = await harnessFor(gopayProfile)
    const res = await h.pay({ ...gopayProfile.redirect, currency: 'TRY', amount: '100.50' })
    expect(res.status, JSON.stringify(res.body)).toBe(422)
    expect(res.body).toMatchObject({
      error: {
        code: 'not_supported',
        message: expect.stringContaining(
          'payments in CZK, EUR, PLN, USD, GBP, HUF, RON, BGN, HRK only'
        ),
      },
    })
  })
})
