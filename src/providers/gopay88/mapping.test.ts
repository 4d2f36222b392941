import { describe, expect, it } from 'vitest'
import { OrderStatusCode, outcomeOfOrder } from './charges'
import {
  CREATE_ERROR_MEANING,
  fromWireAmount,
  GOPAY88_ERRORS,
  type Gopay88Error,
  identifyError,
  ORDER_STATUSES,
  toWireAmount,
} from './mapping'

const order = {
  out_trade_no: 'pay_1',
  channel: 'gopay_bankupi',
  amount: '100.000',
  currency: 'CNY',
}

describe('GoPay88 amounts', () => {
  it('sends yuan and rupees as a number with at most two decimals (支付金额 float, 两位精度)', () => {
    expect(toWireAmount(10000, 'CNY')).toBe(100)
    expect(toWireAmount(166, 'CNY')).toBe(1.66)
    expect(toWireAmount(10001, 'CNY')).toBe(100.01)
    expect(toWireAmount(5, 'INR')).toBe(0.05)
    expect(JSON.stringify({ amount: toWireAmount(123456789, 'CNY') })).toBe('{"amount":1234567.89}')
  })

  it('reads the three-decimal amounts GoPay88 reports', () => {
    expect(fromWireAmount('100.000', 'CNY')).toBe(10000)
    expect(fromWireAmount('1.660', 'CNY')).toBe(166)
    expect(fromWireAmount('100', 'CNY')).toBe(10000)
    expect(fromWireAmount(0.66, 'INR')).toBe(66)
    expect(fromWireAmount('1.665', 'CNY')).toBeUndefined()
    expect(fromWireAmount('abc', 'CNY')).toBeUndefined()
    expect(fromWireAmount('1.00', 'XXX')).toBeUndefined()
  })
})

describe('GoPay88 order status', () => {
  it('reads the status as a number or a numeric string, and refuses undocumented ones', () => {
    expect(OrderStatusCode.parse(2)).toBe('2')
    expect(OrderStatusCode.parse('1')).toBe('1')
    expect(OrderStatusCode.safeParse(4).success).toBe(false)
    expect(OrderStatusCode.safeParse('WAIT').success).toBe(false)
  })

  it('maps every documented status', () => {
    const kinds = ORDER_STATUSES.map((status) => outcomeOfOrder({ ...order, status }).kind)
    expect(kinds).toEqual(['cancelled', 'pending', 'succeeded', 'declined'])
  })

  it('reports the paid amount and currency for the gateway to cross-check', () => {
    expect(outcomeOfOrder({ ...order, status: '2' })).toEqual({
      kind: 'succeeded',
      status: 'successful',
      providerPaymentId: 'gopay_bankupi:pay_1',
      amountMinor: 10000,
      currency: 'CNY',
    })
    const underpaid = outcomeOfOrder({ ...order, pay_amount: '90.000', status: '2' })
    expect(underpaid).toMatchObject({ kind: 'succeeded', amountMinor: 9000 })
    const unfilled = outcomeOfOrder({ ...order, pay_amount: '0.000', status: '2' })
    expect(unfilled).toMatchObject({ amountMinor: 10000 })
    expect(outcomeOfOrder({ ...order, amount: 'x', status: '2' }).kind).toBe('unknown')
  })
})

describe('GoPay88 error table', () => {
  it('recognizes every documented row by status, code and message', () => {
    for (const [name, [status, code, message]] of Object.entries(GOPAY88_ERRORS)) {
      expect(identifyError(status, code, message), name).toBe(name)
    }
  })

  it("recognizes the reference server's spelling of the same messages", () => {
    expect(
      identifyError(403, 400003, 'Invalid Request.[ Request Data And Sign Verify Failure.]')
    ).toBe('signature_failed')
    expect(
      identifyError(400, 400000, 'Invalid Request.[ Request header [x-ca-auth] Failure.]')
    ).toBe('invalid_header')
    expect(identifyError(400, 400003, 'Invalid Request.[ Payment Code Does Not Allowed.]')).toBe(
      'channel_not_allowed'
    )
    expect(identifyError(500, 999999, 'Error .[There may be a problem with the system.]')).toBe(
      'system_error'
    )
  })

  it('falls back to the first row of a group, and knows nothing of undocumented codes', () => {
    expect(identifyError(400, 100000, 'mchid must be a positive integer')).toBe(
      'invalid_parameters'
    )
    expect(identifyError(400, 400008, 'Route Payment Error. [something new]')).toBe(
      'no_merchant_account'
    )
    expect(identifyError(400, 123456, 'new')).toBeUndefined()
    expect(identifyError(418, 100000, 'teapot')).toBeUndefined()
  })

  it('gives every error a meaning for a create, retrying where nothing is known', () => {
    const retried = (Object.keys(GOPAY88_ERRORS) as Gopay88Error[]).filter(
      (name) => 'retry' in CREATE_ERROR_MEANING[name]
    )
    expect(retried.sort()).toEqual(
      ['order_not_found', 'order_state', 'repeat_order_number', 'system_error'].sort()
    )
    expect(CREATE_ERROR_MEANING.signature_failed.reason).toMatch(/signature/)
  })
})
