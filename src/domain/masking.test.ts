import { describe, expect, it } from 'vitest'
import { maskCardNumbers, maskSecret } from './masking'

describe('maskSecret', () => {
  it('shows the first 4 and last 3 characters of long values', () => {
    expect(maskSecret('sandbox-afXhZPW0MQlE4dCUUlHcEopnMBgXnAZI6Hs')).toBe('sand…6Hs')
  })

  it('shows less of shorter values and nothing of short ones', () => {
    expect(maskSecret('12345678901')).toBe('…01')
    expect(maskSecret('1234567')).toBe('…')
  })
})

describe('maskCardNumbers', () => {
  it('cuts card numbers in text to first 6 and last 4, written together or in groups', () => {
    expect(maskCardNumbers('card 4539148803436467 from the shopper')).toBe(
      'card 453914******6467 from the shopper'
    )
    expect(maskCardNumbers('order-4539 1488 0343 6467')).toBe('order-453914******6467')
    expect(maskCardNumbers('Amex 3714-496353-98431')).toBe('Amex 371449*****8431')
  })

  it('leaves numbers that are no card number alone', () => {
    // Luhn fails; too short; a millisecond timestamp, a date-based reference and a number outside
    // every brand's range, each passing Luhn.
    for (const text of [
      '4539148803436468',
      '45391488034',
      'order 1734567890127',
      'order 202612070005',
      '7000000000003',
    ])
      expect(maskCardNumbers(text)).toBe(text)
    // Troy, the Turkish scheme, issues under 9792.
    expect(maskCardNumbers('9792030000000000')).toBe('979203******0000')
  })

  it('looks only at runs of at least minDigits digits', () => {
    expect(maskCardNumbers('371449635398431', 16)).toBe('371449635398431')
    expect(maskCardNumbers('4539148803436467', 16)).toBe('453914******6467')
  })
})
