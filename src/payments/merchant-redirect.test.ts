import { describe, expect, it } from 'vitest'
import { toHex } from '../crypto/encoding'
import { hmac } from '../crypto/hash'
import { merchantRedirect } from './merchant-redirect'

const SECRET = 'cbsec_test-secret'
const NOW = Date.UTC(2026, 11, 7, 10, 0, 0)

/** The merchant's check, as the README shows it: HMAC of the raw query up to `&signature=`. */
async function verifies(location: string) {
  const raw = new URL(location).search.slice(1)
  const at = raw.lastIndexOf('&signature=')
  if (at < 0) return false
  const expected = toHex(await hmac('SHA-256', SECRET, raw.slice(0, at)))
  return raw.slice(at + '&signature='.length) === expected
}

const failed = { paymentId: 'pay_1', status: 'failed', success: false, error: 'card_declined' }

describe('merchantRedirect', () => {
  it("signs the whole query: the merchant's own parameters, the result and the error", async () => {
    const location = await merchantRedirect(
      'https://shop.example.com/back?order=42&cart=a%20b',
      [SECRET],
      failed,
      NOW
    )
    expect(await verifies(location)).toBe(true)
    const url = new URL(location)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      order: '42',
      cart: 'a b',
      success: 'false',
      paymentId: 'pay_1',
      status: 'failed',
      error: 'card_declined',
      timestamp: String(NOW / 1000),
    })
    expect([...url.searchParams.keys()].at(-1)).toBe('signature')

    for (const [name, value] of [
      ['order', '43'],
      ['error', 'none'],
      ['status', 'successful'],
      ['timestamp', String(NOW / 1000 + 1)],
    ] as const) {
      const tampered = new URL(location)
      const signature = tampered.searchParams.get('signature')!
      tampered.searchParams.delete('signature')
      tampered.searchParams.set(name, value)
      tampered.searchParams.append('signature', signature)
      expect(await verifies(tampered.toString()), name).toBe(false)
    }
    const withoutError = new URL(location)
    const signature = withoutError.searchParams.get('signature')!
    withoutError.searchParams.delete('signature')
    withoutError.searchParams.delete('error')
    withoutError.searchParams.append('signature', signature)
    expect(await verifies(withoutError.toString())).toBe(false)
  })

  it('replaces result fields and a signature the callback URL already carried', async () => {
    const location = await merchantRedirect(
      'https://shop.example.com/back?status=successful&signature=forged&error=x',
      [SECRET],
      { paymentId: 'pay_2', status: 'successful', success: true },
      NOW
    )
    const url = new URL(location)
    expect(url.searchParams.getAll('signature')).toHaveLength(1)
    expect(url.searchParams.getAll('status')).toEqual(['successful'])
    expect(url.searchParams.has('error')).toBe(false)
    expect(await verifies(location)).toBe(true)
  })
})
