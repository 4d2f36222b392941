import { describe, expect, it } from 'vitest'
import { issueReturnToken, RETURN_TOKEN_TTL_MS, readReturnToken } from './return-tokens'

const key = () =>
  crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]) as Promise<CryptoKey>
const subject = { tenantId: 'ten_A', paymentId: 'pay_A', provider: 'sandbox' }

describe('return tokens', () => {
  it('read back until they expire after 30 minutes', async () => {
    const k = await key()
    const { token, claims } = await issueReturnToken(k, subject, 0)
    expect(await readReturnToken(k, token, RETURN_TOKEN_TTL_MS - 1)).toEqual(claims)
    expect(await readReturnToken(k, token, RETURN_TOKEN_TTL_MS)).toBeUndefined()
  })

  it('refuse another key, edits and junk', async () => {
    const k = await key()
    const { token } = await issueReturnToken(k, subject, 0)
    expect(await readReturnToken(await key(), token, 1)).toBeUndefined()
    const [payload, signature] = token.split('.')
    const edited = btoa(
      JSON.stringify({ ...subject, tenantId: 'ten_B', tokenId: 'x', expiresAt: 1e15 })
    ).replace(/=+$/, '')
    expect(await readReturnToken(k, `${edited}.${signature}`, 1)).toBeUndefined()
    for (const junk of ['', 'a', 'a.b', `${payload}.${signature}.c`, '!!.??']) {
      expect(await readReturnToken(k, junk, 1)).toBeUndefined()
    }
  })
})
