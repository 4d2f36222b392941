/**
 * Captures and cancels a provider only accepts (Adyen answers `received`): the payment keeps its
 * status with the operation pending until the provider's notification settles it, either way.
 */
import { describe, expect, it } from 'vitest'
import { adyenProfile } from '../conformance/adyen'
import { cardInfo, harnessFor } from '../conformance/harness'
import { takeNotifications } from '../conformance/simulators'
import { eventsOf } from '../helpers/payments'

describe('operations the provider settles later', () => {
  it('hold a captured payment against refunds while its cancel is pending, and free it when the cancel fails', async () => {
    const h = await harnessFor(adyenProfile)
    const payment = await h.paid()
    await h.deliver()
    const cancel = await h.cancel(payment.paymentId)
    expect(cancel.status).toBe(202)
    expect(cancel.body.pendingOperation).toEqual({
      type: 'cancel',
      amount: payment.amount,
      amountMinor: payment.amountMinor,
    })
    const refundMeanwhile = await h.refund(payment.paymentId, '1.00')
    expect(refundMeanwhile.status).toBe(422)
    expect((await h.cancel(payment.paymentId)).status).toBe(409)

    const refused = await takeNotifications(h.account)
    expect(await h.deliver([...refused, ...refused])).toEqual([200, 200])
    const after = await h.get(payment.paymentId)
    expect(after.status).toBe('successful')
    expect(after.pendingOperation).toBeUndefined()
    expect(
      (await eventsOf(payment.paymentId)).filter((e) => e === 'payment.cancel_failed')
    ).toHaveLength(1)
    expect((await h.refund(payment.paymentId, '1.00')).status).toBe(202)
  })

  it('refuse a second capture while the first is pending, then settle it', async () => {
    const h = await harnessFor(adyenProfile)
    const authorized = await h.pay({
      cardInfo: cardInfo(adyenProfile.cards!.success),
      capture: false,
    })
    await h.deliver()
    const first = await h.capture(authorized.body.paymentId, '10.00')
    expect(first.status).toBe(202)
    expect(first.body).toMatchObject({
      status: 'authorized',
      pendingOperation: { type: 'capture', amountMinor: 1000 },
    })
    expect((await h.capture(authorized.body.paymentId)).status).toBe(409)
    const settled = await h.settled(authorized.body.paymentId)
    expect(settled).toMatchObject({ status: 'successful', capturedAmountMinor: 1000 })
    expect(settled.pendingOperation).toBeUndefined()
    expect(await eventsOf(authorized.body.paymentId)).toContain('payment.succeeded')
  })
})
