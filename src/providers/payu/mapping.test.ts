import { describe, expect, it } from 'vitest'
import { DECLINE_CODES } from '../../domain/decline-codes'
import {
  CREATED_CODES,
  ERROR_CODES,
  fromPayuAmount,
  ORDER_MEANING,
  ORDER_STATUSES,
  REFUND_ERRORS,
  REFUND_OUTCOME,
  REFUND_STATUSES,
  toPayuAmount,
} from './mapping'
import { declineOf, readError, rejectionOf } from './outcomes'
import { PayuOrder } from './wire'

describe('PayU mapping', () => {
  it('gives every documented order and refund status a meaning', () => {
    expect(Object.keys(ORDER_MEANING).sort()).toEqual([...ORDER_STATUSES].sort())
    expect(Object.keys(REFUND_OUTCOME).sort()).toEqual([...REFUND_STATUSES].sort())
  })

  it('refuses an order status PayU does not document', () => {
    const order = { orderId: 'X', status: 'PAID', totalAmount: '100' }
    expect(PayuOrder.safeParse(order).success).toBe(false)
  })

  it('maps every error statusCode to a decline code, created codes not among them', () => {
    for (const { decline } of Object.values(ERROR_CODES)) expect(DECLINE_CODES).toContain(decline)
    for (const code of CREATED_CODES) expect(Object.hasOwn(ERROR_CODES, code)).toBe(false)
    expect(declineOf({ statusCode: 'SOMETHING_NEW', message: 'new' }).declineCode).toBe(
      'processing_error'
    )
  })

  it('writes amounts as minor-unit strings and reads them back', () => {
    expect(toPayuAmount(21000)).toBe('21000')
    expect(fromPayuAmount('21000')).toBe(21000)
    expect(fromPayuAmount(21000)).toBe(21000)
    expect(fromPayuAmount('210.00')).toBeUndefined()
    expect(() => toPayuAmount(1.5)).toThrow(RangeError)
  })

  it('reads PayU’s error shape, the OAuth error shape, and anything else', () => {
    expect(
      readError(
        404,
        '{"status":{"statusCode":"DATA_NOT_FOUND","severity":"INFO","statusDesc":"Could not find data for given criteria."}}'
      )
    ).toEqual({
      statusCode: 'DATA_NOT_FOUND',
      codeLiteral: undefined,
      message: 'Could not find data for given criteria.',
    })
    expect(readError(401, '{"error":"invalid_token","error_description":"Invalid token"}')).toEqual(
      { statusCode: 'invalid_token', message: 'invalid_token: Invalid token' }
    )
    expect(readError(502, '<html>bad gateway</html>')).toEqual({
      message: 'Unexpected PayU answer (HTTP 502).',
    })
  })

  it('gives every refund error literal a reason', () => {
    for (const [literal, reason] of Object.entries(REFUND_ERRORS)) {
      expect(
        rejectionOf({ statusCode: 'ERROR_VALUE_INVALID', codeLiteral: literal, message: 'x' })
      ).toEqual({ kind: 'rejected', reason, providerCode: `ERROR_VALUE_INVALID ${literal}` })
    }
  })
})
