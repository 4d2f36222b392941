import { describe, expect, it } from 'vitest'
import { DECLINE_CODES } from '../../domain/decline-codes'
import {
  ERROR_CODES,
  OPERATION_RESULTS,
  PAYMENT_STATES,
  PREAUTH_STATES,
  REFUND_COUNTS,
  REFUND_STATES,
  RESULT_OUTCOME,
} from './mapping'
import {
  declineOf,
  outcomeOfPayment,
  outcomeOfResult,
  parseRecurringToken,
  readError,
  recurringTokenOf,
} from './outcomes'
import { SUB_STATE_DECLINE } from './sub-states'
import { goPayPayment } from './test-context'
import { GoPayPayment } from './wire'

const payment = (overrides: Record<string, unknown> = {}) =>
  GoPayPayment.parse(goPayPayment(overrides))

describe('GoPay payment states', () => {
  it.each(PAYMENT_STATES)('maps %s to an outcome', (state) => {
    expect(outcomeOfPayment(payment({ state })).kind).toMatch(
      /pending|succeeded|declined|cancelled/
    )
  })

  it('maps every state as the doc describes it', () => {
    const kinds = Object.fromEntries(
      PAYMENT_STATES.map((state) => {
        const outcome = outcomeOfPayment(payment({ state }))
        return [state, outcome.kind === 'succeeded' ? outcome.status : outcome.kind]
      })
    )
    expect(kinds).toEqual({
      CREATED: 'pending',
      PAYMENT_METHOD_CHOSEN: 'pending',
      AUTHORIZED: 'authorized',
      PAID: 'successful',
      CANCELED: 'declined',
      TIMEOUTED: 'declined',
      REFUNDED: 'successful',
      PARTIALLY_REFUNDED: 'successful',
    })
  })

  it('reads the doc status example (payment paid by card)', () => {
    const paid = GoPayPayment.parse({
      id: 3123456789,
      order_number: '123456',
      state: 'PAID',
      sub_state: '_3001',
      payment_instrument: 'PAYMENT_CARD',
      amount: 10000,
      currency: 'CZK',
      payer: {
        payment_card: { card_number: '440507******4448', card_expiration: '9912' },
        contact: { email: 'john.doe@example.com' },
      },
      target: { type: 'ACCOUNT', goid: 8123456789 },
      lang: 'en',
      gw_url: 'https://gw.sandbox.gopay.com/gw/v3/...',
    })
    expect(outcomeOfPayment(paid)).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: '3123456789',
      amountMinor: 10000,
      currency: 'CZK',
      capturedMinor: 10000,
      recurringToken: undefined,
    })
  })

  it('sends the shopper to gw_url while the payment waits', () => {
    expect(outcomeOfPayment(payment())).toEqual({
      kind: 'pending',
      redirectUrl: 'https://gw.sandbox.gopay.com/gw/v3/bCcvmwTKK5hrJx2aGG8ZnFyBJhAvF',
      providerPaymentId: '3123456789',
    })
  })

  it.each(PREAUTH_STATES)('maps a CANCELED payment whose preauthorization is %s', (state) => {
    const outcome = outcomeOfPayment(
      payment({ state: 'CANCELED', preauthorization: { requested: true, state } })
    )
    expect(outcome.kind).toBe(state === 'REQUESTED' ? 'declined' : 'cancelled')
  })

  it('keeps the authorized amount after a partial capture rewrote it at GoPay', () => {
    const captured = payment({
      state: 'PAID',
      amount: 5000,
      preauthorization: { requested: true, state: 'CAPTURED' },
    })
    expect(outcomeOfPayment(captured, { amountMinor: 10000 })).toMatchObject({
      status: 'successful',
      amountMinor: 10000,
      capturedMinor: 5000,
    })
    // More than was authorized is reported as is, so that the gateway flags it.
    expect(outcomeOfPayment(captured, { amountMinor: 4000 })).toMatchObject({ amountMinor: 5000 })
  })

  it('declines with the sub-state’s reason and keeps the raw code', () => {
    expect(outcomeOfPayment(payment({ state: 'CANCELED', sub_state: '_5006' }))).toEqual({
      kind: 'declined',
      declineCode: 'insufficient_funds',
      message: 'The card has insufficient funds.',
      providerCode: 'CANCELED_5006',
      providerPaymentId: '3123456789',
    })
    expect(outcomeOfPayment(payment({ state: 'CANCELED', sub_state: '_9999' }))).toMatchObject({
      declineCode: 'card_declined',
      providerCode: 'CANCELED_9999',
    })
    expect(outcomeOfPayment(payment({ state: 'TIMEOUTED' }))).toMatchObject({
      declineCode: 'authentication_failed',
    })
  })

  it('maps every documented sub-state to a decline code', () => {
    for (const decline of Object.values(SUB_STATE_DECLINE)) {
      expect(DECLINE_CODES).toContain(decline.code)
    }
  })

  it('reads digit strings where GoPay documents integers, and optional fields absent', () => {
    const loose = GoPayPayment.parse({
      id: '3123456789',
      state: 'PAID',
      amount: '10000',
      sub_state: null,
      currency: null,
      payer: { card_id: 'not-an-id' },
      preauthorization: { requested: null, state: null },
      recurrence: null,
      gw_url: null,
      extra_field_from_a_newer_api: { any: 'thing' },
    })
    expect(outcomeOfPayment(loose)).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: '3123456789',
      amountMinor: 10000,
      currency: undefined,
      capturedMinor: 10000,
      recurringToken: undefined,
    })
    expect(GoPayPayment.safeParse({ id: 1, state: 'PAID' }).success).toBe(false)
  })

  it('refuses a state GoPay does not document', () => {
    expect(GoPayPayment.safeParse(goPayPayment({ state: 'SETTLED' })).success).toBe(false)
  })
})

describe('GoPay recurrence tokens', () => {
  it('is the parent id once the recurrence started, with the stored card when there is one', () => {
    const started = { recurrence: { recurrence_cycle: 'ON_DEMAND', recurrence_state: 'STARTED' } }
    expect(recurringTokenOf(payment({ state: 'PAID', ...started }))).toBe('3123456789')
    // The doc's status example writes card_id as a string ("card_id": "9876543210").
    expect(
      recurringTokenOf(payment({ state: 'PAID', ...started, payer: { card_id: '9876543210' } }))
    ).toBe('3123456789:9876543210')
    expect(
      recurringTokenOf(payment({ recurrence: { recurrence_state: 'REQUESTED' } }))
    ).toBeUndefined()
    expect(parseRecurringToken('3123456789:9876543210')).toEqual({
      parentId: '3123456789',
      cardId: '9876543210',
    })
    expect(parseRecurringToken('x')).toBeUndefined()
  })
})

describe('GoPay results and errors', () => {
  it.each(OPERATION_RESULTS)('maps result %s', (result) => {
    const outcome = outcomeOfResult(JSON.stringify({ id: 3123456789, result }))
    expect(outcome.kind).toBe(RESULT_OUTCOME[result])
  })

  it('counts refunds by their state', () => {
    expect(Object.keys(REFUND_COUNTS).sort()).toEqual([...REFUND_STATES].sort())
  })

  it('reads the doc field error and passes GoPay’s message on', () => {
    const error = readError(
      409,
      JSON.stringify({
        errors: [
          {
            scope: 'F',
            field: 'goid',
            message: 'Payee not found',
            error_code: '320',
            error_name: 'PAYEE_NOT_FOUND',
          },
        ],
      })
    )
    expect(error).toEqual({ code: 320, name: 'PAYEE_NOT_FOUND', message: 'Payee not found (goid)' })
    expect(declineOf(error)).toEqual({
      kind: 'declined',
      declineCode: 'processing_error',
      message: 'Payee not found (goid)',
      providerCode: '320 PAYEE_NOT_FOUND',
    })
  })

  it('reads the doc global error and the bare 500 GoPay answers', () => {
    expect(
      readError(
        500,
        JSON.stringify({
          errors: [
            {
              scope: 'G',
              description: 'System error',
              error_code: '100',
              error_name: 'SYSTEM_ERROR',
            },
          ],
        })
      )
    ).toEqual({ code: 100, name: 'SYSTEM_ERROR', message: 'System error' })
    expect(
      readError(
        500,
        '{"date_issued":"2018-05-10T11:06:52.208+0200","errors":[{"scope":"G","error_code":500}]}'
      )
    ).toEqual({
      code: 500,
      name: undefined,
      message: 'GoPay error 500',
    })
    expect(readError(403, '<html>blocked</html>')).toEqual({
      message: 'Unexpected GoPay answer (HTTP 403).',
    })
  })

  it('maps every documented error code to a decline code, and others explicitly', () => {
    for (const { decline } of Object.values(ERROR_CODES)) expect(DECLINE_CODES).toContain(decline)
    expect(declineOf({ code: 999, message: 'new' }).declineCode).toBe('processing_error')
    expect(declineOf({ code: 342, message: 'stopped' })).toMatchObject({
      declineCode: 'not_permitted',
      providerCode: '342 PAYMENT_RECURRENCE_STOPPED',
    })
  })
})
