import { afterEach, describe, expect, it, vi } from 'vitest'
import { toHex, utf8 } from '../crypto/encoding'
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  PBKDF2_MAX_ITERATIONS_PER_CALL,
  pbkdf2Sha256,
  verifyPassword,
} from './passwords'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('pbkdf2Sha256', () => {
  // RFC 7914 §11, the PBKDF2-HMAC-SHA256 test vectors.
  it('matches the RFC 7914 vector for passwd/salt/c=1', async () => {
    const out = await pbkdf2Sha256(utf8('passwd'), utf8('salt'), 1, 512)
    expect(toHex(out)).toBe(
      '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783'
    )
  })

  it('matches the RFC 7914 vector for Password/NaCl/c=80000', async () => {
    const out = await pbkdf2Sha256(utf8('Password'), utf8('NaCl'), 80000, 512)
    expect(toHex(out)).toBe(
      '4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d'
    )
  })
})

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('securepassword123')
    expect(stored).toMatch(/^pbkdf2-sha256\$r=6,i=100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(await verifyPassword('securepassword123', stored)).toBe(true)
    expect(await verifyPassword('securepassword124', stored)).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('securepassword123')).not.toBe(
      await hashPassword('securepassword123')
    )
  })

  it('never asks WebCrypto for more than 100,000 PBKDF2 iterations in one call', async () => {
    // Production Workers reject larger counts; local workerd does not, so only this test notices.
    const deriveBits = vi.spyOn(crypto.subtle, 'deriveBits')
    const stored = await hashPassword('securepassword123')
    await verifyPassword('securepassword123', stored)
    const iterations = deriveBits.mock.calls.map(
      ([params]) => (params as { iterations: number }).iterations
    )
    expect(iterations).toHaveLength(12)
    expect(Math.max(...iterations)).toBeLessThanOrEqual(PBKDF2_MAX_ITERATIONS_PER_CALL)
    expect(iterations.slice(0, 6).reduce((a, b) => a + b, 0)).toBe(600_000)
  })

  it('rejects malformed stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false)
    expect(await verifyPassword('x', 'pbkdf2-sha256$r=6,i=1$AA==$AA==')).toBe(false)
  })

  it('matches no password with the dummy hash used for unknown users', async () => {
    expect(await verifyPassword('', DUMMY_PASSWORD_HASH)).toBe(false)
    expect(await verifyPassword('securepassword123', DUMMY_PASSWORD_HASH)).toBe(false)
  })

  it('asks for a re-hash of hashes made with other parameters', async () => {
    expect(needsRehash(await hashPassword('securepassword123'))).toBe(false)
    expect(needsRehash('pbkdf2-sha256$r=1,i=100000$AA==$AA==')).toBe(true)
  })
})
