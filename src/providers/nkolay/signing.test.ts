import { describe, expect, it } from 'vitest'
import { hashDataV2, verifyResultHash } from './signing'
import { CONFIG, legacyHashData, signedResult } from './test-context'

describe('hashDatav2', () => {
  it('reproduces the PaymentList example of the Paynkolay documentation (N-1)', async () => {
    const sxList =
      '118591467|W8a1JLU8A5Cw+HfadVcO6HiR/GGGxr0NkWr2OGythr8fo0YWdw70cvnI6oKMqvzra3Qu+Wa5u0NRil9gRdJmjocVNd4XciDwfD9+pkVqDErw7/pVZfpcSO+GePg+ZvcqFbOO5A==|3hJpHVF2cqvcCZ4q6F7rcA=='
    expect(
      await hashDataV2([sxList, '05.10.2026', '06.10.2026', '', '_viH5wUS4HiBmmw9uGybN'])
    ).toBe(
      '3a1yzE1TS1aUrPpcycyWVqUQhhzFb2YomZbw+W/83MD5/VglsBROO8G4cm2BlvEFTQsE/eYyLbV1viqU8sYkaw=='
    )
  })
})

describe('legacy hashData (test-side only)', () => {
  const payment = (amount: string, rnd: string) => [
    CONFIG.sx,
    '789456|AB76',
    amount,
    'https://paynkolay.com.tr/test/success',
    'https://paynkolay.com.tr/test/fail',
    rnd,
    CONFIG.secretKey,
    '',
  ]
  it('reproduces the official postman payment hash for 6.00 (N-3)', async () => {
    expect(await legacyHashData(payment('6.00', '09-10-2025 15:24:22'))).toBe(
      'IETzYHYed0HDQ+FwMjbqZNovsg8='
    )
  })
  it('reproduces the official postman payment hash for 10.04 (N-3)', async () => {
    expect(await legacyHashData(payment('10.04', '29-03-2025 14:23:57'))).toBe(
      'jM1daOwFOJdMF9j+e5ydA8q1BrM='
    )
  })
})

describe('the result post hashDataV2', () => {
  it('accepts a result the Paynkolay sandbox posted (with CURRENCY_CODE)', async () => {
    const posted = {
      MERCHANT_NO: '400000273',
      REFERENCE_CODE: 'IKSIRPF1874018',
      AUTH_CODE: 'S62888',
      RESPONSE_CODE: '2',
      USE_3D: 'true',
      RND: '1791312160942',
      INSTALLMENT: '1',
      AUTHORIZATION_AMOUNT: '10.00',
      CURRENCY_CODE: 'TRY',
      hashDataV2:
        'pZ+mAwfj5b/sfd4acbGjR7mhqbGuRYEnQbqbN4JxUGESaDn4JF3NdtshvGh9EhB2qpZIwcf1M9XF03ClAdMX+Q==',
    }
    expect(await verifyResultHash(posted, '_viH5wUS4HiBmmw9uGybN')).toBe(true)
  })

  it('refuses a result whose RESPONSE_CODE changed after signing', async () => {
    const result = await signedResult({ RESPONSE_CODE: '0' })
    expect(await verifyResultHash({ ...result, RESPONSE_CODE: '2' }, CONFIG.secretKey)).toBe(false)
  })

  it("refuses another merchant's signature, a missing hash and an empty secret", async () => {
    const result = await signedResult({}, 'another-secret')
    expect(await verifyResultHash(result, CONFIG.secretKey)).toBe(false)
    expect(await verifyResultHash({ ...result, hashDataV2: '' }, CONFIG.secretKey)).toBe(false)
    expect(await verifyResultHash(await signedResult(), '')).toBe(false)
  })
})
