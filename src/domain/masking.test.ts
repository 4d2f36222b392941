import { describe, expect, it } from 'vitest'
import { maskSecret } from './masking'

describe('maskSecret', () => {
  it('shows the first 4 and last 3 characters of long values', () => {
    expect(maskSecret('sandbox-afXhZPW0MQlE4dCUUlHcEopnMBgXnAZI6Hs')).toBe('sand…6Hs')
  })

  it('shows less of shorter values and nothing of short ones', () => {
    expect(maskSecret('12345678901')).toBe('…01')
    expect(maskSecret('1234567')).toBe('…')
  })
})
