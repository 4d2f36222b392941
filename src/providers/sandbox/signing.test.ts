import { describe, expect, it } from 'vitest'
import { signRequest, signReturn, verifyRequest, verifyReturn } from './signing'

const secret = 'sbx_test_secret'

describe('sandbox signatures', () => {
  it('verifies what it signed, within the tolerance only', async () => {
    const now = 1_800_000_000_000
    const ts = now / 1000
    const signature = await signRequest(secret, ts, '{"a":1}')
    expect(signature).toMatch(/^[0-9a-f]{64}$/)
    expect(await verifyRequest(secret, { timestamp: String(ts), signature }, '{"a":1}', now)).toBe(
      true
    )
    expect(await verifyRequest(secret, { timestamp: String(ts), signature }, '{"a":2}', now)).toBe(
      false
    )
    expect(
      await verifyRequest(secret, { timestamp: String(ts), signature }, '{"a":1}', now + 301_000)
    ).toBe(false)
    expect(await verifyRequest('other', { timestamp: String(ts), signature }, '{"a":1}', now)).toBe(
      false
    )
    expect(await verifyRequest(secret, { timestamp: undefined, signature }, '{"a":1}', now)).toBe(
      false
    )
  })

  it('signs the 3-D Secure return so the status cannot be edited', async () => {
    const params = { charge: 'sbxch_1', status: 'succeeded', amount: '10050', currency: 'TRY' }
    const signature = await signReturn(secret, params)
    expect(await verifyReturn(secret, params, signature)).toBe(true)
    expect(await verifyReturn(secret, { ...params, amount: '1' }, signature)).toBe(false)
  })
})
