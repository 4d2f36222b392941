import { describe, expect, it } from 'vitest'
import { open, seal } from './aes-gcm'
import { loadKeyring, parseMasterKey } from './keyring'

const BASE64_KEY = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)))
const HEX_KEY = '07'.repeat(32)

describe('master key', () => {
  it('accepts 32 bytes as base64 or hex', () => {
    expect(parseMasterKey(BASE64_KEY)).toBeInstanceOf(Uint8Array)
    expect(parseMasterKey(HEX_KEY)).toEqual(parseMasterKey(BASE64_KEY))
  })

  it('reports a missing or malformed key instead of inventing one', () => {
    expect(parseMasterKey(undefined)).toBe('missing')
    expect(parseMasterKey('')).toBe('missing')
    expect(parseMasterKey('not base64!')).toBe('invalid')
    expect(parseMasterKey(btoa('sixteen bytes!!!'))).toBe('invalid')
    expect(loadKeyring(undefined)).toBe('missing')
  })

  it('derives separate keys per purpose', async () => {
    const keyring = await (loadKeyring(BASE64_KEY) as Promise<import('./keyring').Keyring>)
    const sealed = await seal(keyring.providerConfig, 'secret', 'ad')
    await expect(open(keyring.signingKeys, sealed, 'ad')).rejects.toThrow()
    expect(await open(keyring.providerConfig, sealed, 'ad')).toBe('secret')
  })
})
