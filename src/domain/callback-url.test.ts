import { describe, expect, it } from 'vitest'
import { HOSTILE_CALLBACK_URLS } from '../../test/fixtures/hostile-callback-urls'
import { checkCallbackUrl } from './callback-url'

const allowed = [
  { origin: 'https://shop.example.com', testOnly: false },
  { origin: 'http://localhost:3000', testOnly: true },
]

describe('callback URLs', () => {
  it.each([
    ['https://shop.example.com/payment-callback', 'https://shop.example.com/payment-callback'],
    ['https://shop.example.com/cb?order=42#top', 'https://shop.example.com/cb?order=42#top'],
    ['https://SHOP.example.com:443/cb', 'https://shop.example.com/cb'],
    ['https://shop.example.com', 'https://shop.example.com/'],
  ])('accepts %s', (input, url) => {
    expect(checkCallbackUrl(input, allowed, 'production')).toEqual({ url })
  })

  it('accepts a loopback origin for test payments only', () => {
    expect(checkCallbackUrl('http://localhost:3000/cb', allowed, 'test')).toEqual({
      url: 'http://localhost:3000/cb',
    })
    expect(checkCallbackUrl('http://localhost:3000/cb', allowed, 'production')).toEqual({
      problem: 'test_only_origin',
    })
  })

  it(`refuses ${HOSTILE_CALLBACK_URLS.length} hostile URLs`, () => {
    expect(HOSTILE_CALLBACK_URLS.length).toBeGreaterThanOrEqual(40)
    for (const input of HOSTILE_CALLBACK_URLS) {
      expect(checkCallbackUrl(input, allowed, 'test'), JSON.stringify(input)).toHaveProperty(
        'problem'
      )
    }
  })
})
