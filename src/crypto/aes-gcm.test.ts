import { describe, expect, it } from 'vitest'
import { open, registerKeyVersion, seal } from './aes-gcm'

const newKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]) as Promise<CryptoKey>

describe('AES-GCM sealing', () => {
  it('opens what it sealed with the same additional data', async () => {
    const key = await newKey()
    const sealed = await seal(key, '{"secretKey":"canary"}', 'tenant-a|iyzico|test')
    expect(sealed).not.toContain('canary')
    expect(await open(key, sealed, 'tenant-a|iyzico|test')).toBe('{"secretKey":"canary"}')
  })

  it('uses a fresh IV for each of 1,000 seals', async () => {
    const key = await newKey()
    const ivs = new Set<string>()
    for (let i = 0; i < 1000; i++) ivs.add((await seal(key, 'same', 'ad')).split('.')[1]!)
    expect(ivs.size).toBe(1000)
  })

  it('refuses a ciphertext moved to another tenant, provider or environment', async () => {
    const key = await newKey()
    const sealed = await seal(key, 'secret', 'provider-config|ten_A|iyzico|test')
    await expect(open(key, sealed, 'provider-config|ten_B|iyzico|test')).rejects.toThrow()
    await expect(open(key, sealed, 'provider-config|ten_A|paytr|test')).rejects.toThrow()
    await expect(open(key, sealed, 'provider-config|ten_A|iyzico|production')).rejects.toThrow()
  })

  it('refuses a tampered ciphertext and another key', async () => {
    const key = await newKey()
    const sealed = await seal(key, 'secret', 'ad')
    const last = sealed.at(-2) === 'A' ? 'B' : 'A'
    await expect(open(key, `${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, 'ad')).rejects.toThrow()
    await expect(open(await newKey(), sealed, 'ad')).rejects.toThrow()
    await expect(open(key, 'v2.x.y', 'ad')).rejects.toThrow('unrecognised sealed value')
  })

  it('names the key in what it seals, and opens under the previous key during a rotation', async () => {
    const [oldKey, newKey_, otherKey] = await Promise.all([newKey(), newKey(), newKey()])
    registerKeyVersion(oldKey, { id: 'aaaaaaaa' })
    const underOld = await seal(oldKey, 'secret', 'ad')
    expect(underOld.startsWith('v2.aaaaaaaa.')).toBe(true)
    const legacy = `v1.${underOld.split('.').slice(2).join('.')}`

    registerKeyVersion(newKey_, { id: 'bbbbbbbb', previous: { key: oldKey, id: 'aaaaaaaa' } })
    expect(await open(newKey_, underOld, 'ad')).toBe('secret')
    expect(await open(newKey_, legacy, 'ad')).toBe('secret')
    expect((await seal(newKey_, 'secret', 'ad')).startsWith('v2.bbbbbbbb.')).toBe(true)

    registerKeyVersion(otherKey, { id: 'cccccccc' })
    await expect(open(otherKey, underOld, 'ad')).rejects.toThrow(/no longer configured/)
    await expect(open(otherKey, legacy, 'ad')).rejects.toThrow()
  })
})
