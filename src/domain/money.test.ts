import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  CURRENCY_EXPONENTS,
  describeAmountProblem,
  MAX_AMOUNT_MINOR,
  parseMajorAmount,
  toMajorNumber,
  toMajorString,
} from './money'

describe('currency exponents', () => {
  it('follow ISO 4217 for the currencies that are not 2', () => {
    expect(CURRENCY_EXPONENTS.JPY).toBe(0)
    expect(CURRENCY_EXPONENTS.KRW).toBe(0)
    expect(CURRENCY_EXPONENTS.TRY).toBe(2)
    expect(CURRENCY_EXPONENTS.KWD).toBe(3)
    expect(CURRENCY_EXPONENTS.BHD).toBe(3)
    expect(CURRENCY_EXPONENTS.CLF).toBe(4)
  })
})

describe('parseMajorAmount', () => {
  it.each([
    [100.5, 'TRY', 10050],
    ['100.50', 'TRY', 10050],
    [100, 'USD', 10000],
    ['1.234', 'KWD', 1234],
    [1500, 'JPY', 1500],
    ['0.01', 'EUR', 1],
    ['12.30', 'JPY', undefined],
  ])('reads %j %s as %j minor units', (input, currency, minor) => {
    const result = parseMajorAmount(input, currency)
    if (minor === undefined) expect(result).toEqual({ problem: 'too_many_decimals' })
    else expect(result).toEqual({ minor })
  })

  it.each([
    ['10.005', 'USD', 'too_many_decimals'],
    ['1.5', 'JPY', 'too_many_decimals'],
    [0, 'USD', 'not_positive'],
    ['0.00', 'USD', 'not_positive'],
    [-5, 'USD', 'not_a_number'],
    ['1e3', 'USD', 'not_a_number'],
    ['12,50', 'TRY', 'not_a_number'],
    ['', 'TRY', 'not_a_number'],
    [Number.NaN, 'TRY', 'not_a_number'],
    [1e21, 'USD', 'not_a_number'],
    ['10000000000.01', 'USD', 'too_large'],
  ])('refuses %j %s as %s', (input, currency, problem) => {
    expect(parseMajorAmount(input, currency)).toEqual({ problem })
  })

  it('accepts trailing zeros beyond the exponent', () => {
    expect(parseMajorAmount('5.000', 'JPY')).toEqual({ minor: 5 })
  })
})

describe('toMajorString', () => {
  it('writes exactly the currency decimals', () => {
    expect(toMajorString(10050, 'TRY')).toBe('100.50')
    expect(toMajorString(5, 'USD')).toBe('0.05')
    expect(toMajorString(1500, 'JPY')).toBe('1500')
    expect(toMajorString(1234, 'KWD')).toBe('1.234')
    expect(toMajorNumber(10050, 'TRY')).toBe(100.5)
  })
})

describe('minor ↔ major round trip', () => {
  const amount = fc.integer({ min: 1, max: MAX_AMOUNT_MINOR })
  for (const currency of ['JPY', 'TRY', 'USD', 'KWD', 'BHD']) {
    it(`round-trips every amount in ${currency}`, () => {
      fc.assert(
        fc.property(amount, (minor) => {
          expect(parseMajorAmount(toMajorString(minor, currency), currency)).toEqual({ minor })
          expect(parseMajorAmount(toMajorNumber(minor, currency), currency)).toEqual({ minor })
        }),
        { numRuns: 2000 }
      )
    })
  }
})

describe('amount problems, said so a person can fix them', () => {
  it.each([
    ['too_many_decimals', 'TRY', 'has too many decimals: TRY allows 2 decimals'],
    ['too_many_decimals', 'JPY', 'has too many decimals: JPY allows no decimals'],
    ['too_many_decimals', 'KWD', 'has too many decimals: KWD allows 3 decimals'],
    ['not_a_number', 'KWD', 'must be a decimal number such as 10.050'],
    ['too_large', 'JPY', 'is too large: at most 1000000000000 JPY'],
  ] as const)('%s in %s', (problem, currency, message) => {
    expect(describeAmountProblem(problem, currency)).toBe(message)
  })
})
