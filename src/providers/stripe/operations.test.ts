import { describe, expect, it } from 'vitest'
import type { PaymentReference, RecurringParent } from '../types'
import { stripeProvider as stripe } from './adapter'
import { cannedStripe, intent, refundObject, stripeError, stripeJson } from './canned'

const payment = (overrides: Partial<PaymentReference> = {}): PaymentReference => ({
  paymentId: 'pay_canned',
  providerPaymentId: 'pi_3Canned',
  amountMinor: 10000,
  currency: 'EUR',
  capturedMinor: 10000,
  refundedMinor: 0,
  authorizeOnly: false,
  ...overrides,
})

describe('Stripe capture and cancel', () => {
  it('captures part of an authorization under the payment’s capture key', async () => {
    const { ctx, sent } = cannedStripe(stripeJson(intent({ amount_received: 5000 })))
    expect(await stripe.capture(ctx, payment(), 5000)).toEqual({
      kind: 'succeeded',
      providerReference: 'pi_3Canned',
    })
    expect(sent[0]!.url).toBe('https://api.stripe.com/v1/payment_intents/pi_3Canned/capture')
    expect(sent[0]!.body).toBe('amount_to_capture=5000')
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('pay_canned:capture')
  })

  it('cancels an uncaptured intent', async () => {
    const { ctx, sent } = cannedStripe(stripeJson(intent({ status: 'canceled' })))
    expect(await stripe.cancel(ctx, payment())).toMatchObject({ kind: 'succeeded' })
    expect(sent[0]!.url).toBe('https://api.stripe.com/v1/payment_intents/pi_3Canned/cancel')
    expect(sent[0]!.body).toBe('')
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('pay_canned:cancel')
  })

  it('refuses to cancel a captured payment: it is refunded instead', async () => {
    const { ctx } = cannedStripe(
      stripeError(400, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: 'You cannot cancel this PaymentIntent because it has a status of succeeded.',
        payment_intent: intent(),
      })
    )
    const outcome = await stripe.cancel(ctx, payment())
    expect(outcome).toMatchObject({
      kind: 'rejected',
      providerCode: 'payment_intent_unexpected_state',
    })
    expect(outcome.kind === 'rejected' && outcome.reason).toMatch(/refund/)
  })
})

describe('Stripe refunds', () => {
  it('refunds under the refund’s own idempotency key and metadata', async () => {
    const { ctx, sent } = cannedStripe(stripeJson(refundObject()))
    const outcome = await stripe.refund(ctx, payment(), {
      refundId: 'ref_canned',
      amountMinor: 2500,
      retry: false,
    })
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: 're_3Canned' })
    expect(sent[0]!.url).toBe('https://api.stripe.com/v1/refunds')
    expect(sent[0]!.body).toBe(
      'payment_intent=pi_3Canned&amount=2500&metadata[gopay_refund_id]=ref_canned'
    )
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('ref_canned:refund')
  })

  it.each([
    ['pending', 'accepted'],
    ['requires_action', 'accepted'],
    ['failed', 'rejected'],
    ['canceled', 'rejected'],
  ])('maps a %s refund to %s', async (status, kind) => {
    const { ctx } = cannedStripe(stripeJson(refundObject({ status })))
    const outcome = await stripe.refund(ctx, payment(), {
      refundId: 'ref_canned',
      amountMinor: 2500,
      retry: false,
    })
    expect(outcome.kind).toBe(kind)
  })

  it('passes on Stripe’s refusal to refund more than is left', async () => {
    const { ctx } = cannedStripe(
      stripeError(400, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        message: 'Refund amount (€200.00) is greater than unrefunded amount on charge (€100.00)',
      })
    )
    const outcome = await stripe.refund(ctx, payment(), {
      refundId: 'ref_canned',
      amountMinor: 20000,
      retry: false,
    })
    expect(outcome).toEqual({
      kind: 'rejected',
      reason: 'Refund amount (€200.00) is greater than unrefunded amount on charge (€100.00)',
      providerCode: 'amount_too_large',
    })
  })

  it('looks for the earlier refund before sending a lost one again', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson({ object: 'list', data: [refundObject()], has_more: false, url: '/v1/refunds' })
    )
    const outcome = await stripe.refund(ctx, payment(), {
      refundId: 'ref_canned',
      amountMinor: 2500,
      retry: true,
    })
    expect(outcome).toEqual({ kind: 'succeeded', providerReference: 're_3Canned' })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.url).toBe(
      'https://api.stripe.com/v1/refunds?payment_intent=pi_3Canned&limit=100'
    )
  })
})

const parent = (overrides: Partial<RecurringParent> = {}): RecurringParent => ({
  ...payment({ paymentId: 'pay_parent' }),
  recurringToken: 'cus_Canned/pm_1Canned',
  customerEmail: 'jan.novak@example.com',
  ...overrides,
})

describe('Stripe recurring charges', () => {
  it('charges the saved card off-session', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson(intent({ metadata: { gopay_payment_id: 'pay_child' } }))
    )
    const outcome = await stripe.chargeRecurring(ctx, parent(), {
      paymentId: 'pay_child',
      amountMinor: 10000,
      currency: 'EUR',
    })
    expect(outcome).toMatchObject({ kind: 'succeeded', status: 'successful' })
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('pay_child:create')
    expect(sent[0]!.body).toBe(
      'amount=10000&currency=eur&allowed_payment_method_types[0]=card&capture_method=automatic' +
        '&confirm=true&customer=cus_Canned&metadata[gopay_payment_id]=pay_child' +
        '&metadata[gopay_parent_payment_id]=pay_parent&off_session=true&payment_method=pm_1Canned'
    )
  })

  it('declines a card that asks for authentication without the shopper', async () => {
    const { ctx } = cannedStripe(
      stripeError(402, {
        type: 'card_error',
        code: 'authentication_required',
        decline_code: 'authentication_required',
        message: 'Your card was declined. This transaction requires authentication.',
      })
    )
    const outcome = await stripe.chargeRecurring(ctx, parent(), {
      paymentId: 'pay_child',
      amountMinor: 10000,
      currency: 'EUR',
    })
    expect(outcome).toMatchObject({ kind: 'declined', declineCode: 'authentication_failed' })
  })

  it('stops by detaching the saved card', async () => {
    const { ctx, sent } = cannedStripe(
      stripeJson({ id: 'pm_1Canned', object: 'payment_method', customer: null })
    )
    expect(await stripe.stopRecurring(ctx, parent())).toMatchObject({ kind: 'succeeded' })
    expect(sent[0]!.url).toBe('https://api.stripe.com/v1/payment_methods/pm_1Canned/detach')
    expect(sent[0]!.headers.get('Idempotency-Key')).toBe('pay_parent:stop_recurring')
  })

  it('counts a card detached already as stopped', async () => {
    const { ctx, sent } = cannedStripe(
      stripeError(400, {
        type: 'invalid_request_error',
        message:
          'The payment method you provided is not attached to a customer so detachment is impossible.',
      }),
      stripeJson({ id: 'pm_1Canned', object: 'payment_method', customer: null })
    )
    expect(await stripe.stopRecurring(ctx, parent())).toMatchObject({ kind: 'succeeded' })
    expect(sent[1]!.method).toBe('GET')
    expect(sent[1]!.url).toBe('https://api.stripe.com/v1/payment_methods/pm_1Canned')
  })

  it('refuses to call a card stopped while Stripe keeps it on the customer', async () => {
    const { ctx } = cannedStripe(
      stripeError(400, { type: 'invalid_request_error', message: 'Something else.' }),
      stripeJson({ id: 'pm_1Canned', object: 'payment_method', customer: 'cus_Canned' })
    )
    expect(await stripe.stopRecurring(ctx, parent())).toMatchObject({ kind: 'rejected' })
  })

  it('has nothing to charge without a saved card', async () => {
    const { ctx, sent } = cannedStripe()
    const outcome = await stripe.chargeRecurring(ctx, parent({ recurringToken: null }), {
      paymentId: 'pay_child',
      amountMinor: 10000,
      currency: 'EUR',
    })
    expect(outcome).toMatchObject({ kind: 'declined' })
    expect(sent).toHaveLength(0)
  })
})
