import { describe, expect, it } from 'vitest'
import {
  VECTOR_MERCHANT_PRIVATE_KEY_PKCS1,
  VECTOR_MERCHANT_PRIVATE_KEY_PKCS8,
  VECTOR_MERCHANT_PUBLIC_KEY_PKCS1,
  VECTOR_MERCHANT_PUBLIC_KEY_SPKI,
  VECTOR_PLATFORM_PUBLIC_KEY,
  VECTOR_SIGNATURE,
  VECTOR_STRING_TO_SIGN_BASE64,
} from '../providers/gopay88/fixtures/vector'
import { fromBase64, toBase64 } from './encoding'
import {
  importRsaPrivateKey,
  importRsaPublicKey,
  privateKeyPkcs8,
  publicKeySpki,
  readPem,
  rsaSign,
  rsaVerify,
} from './rsa'

const bareBase64 = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')

describe('RSA key import', () => {
  it('wraps a PKCS#1 private key into exactly the PKCS#8 that openssl writes', () => {
    const openssl = readPem(VECTOR_MERCHANT_PRIVATE_KEY_PKCS8).der
    expect(privateKeyPkcs8(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1)).toEqual(openssl)
    expect(privateKeyPkcs8(bareBase64(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1))).toEqual(openssl)
    expect(privateKeyPkcs8(VECTOR_MERCHANT_PRIVATE_KEY_PKCS8)).toEqual(openssl)
    expect(privateKeyPkcs8(bareBase64(VECTOR_MERCHANT_PRIVATE_KEY_PKCS8))).toEqual(openssl)
  })

  it('wraps a PKCS#1 public key into exactly the SPKI that openssl writes', () => {
    const openssl = readPem(VECTOR_MERCHANT_PUBLIC_KEY_SPKI).der
    expect(publicKeySpki(VECTOR_MERCHANT_PUBLIC_KEY_PKCS1)).toEqual(openssl)
    expect(publicKeySpki(bareBase64(VECTOR_MERCHANT_PUBLIC_KEY_PKCS1))).toEqual(openssl)
    expect(publicKeySpki(bareBase64(VECTOR_MERCHANT_PUBLIC_KEY_SPKI))).toEqual(openssl)
  })

  it('reads a PEM whose base64 is one long line, with CRLF line ends', () => {
    const crlf = VECTOR_PLATFORM_PUBLIC_KEY.replace(/\n/g, '\r\n')
    expect(publicKeySpki(crlf)).toEqual(readPem(VECTOR_PLATFORM_PUBLIC_KEY).der)
  })

  it('refuses a public key where a private key belongs, and text that is no key', () => {
    expect(() => privateKeyPkcs8(VECTOR_MERCHANT_PUBLIC_KEY_SPKI)).toThrow(/private key/)
    expect(() => publicKeySpki(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1)).toThrow(/public key/)
    expect(() => privateKeyPkcs8('not a key!')).toThrow()
    expect(() => publicKeySpki(bareBase64(VECTOR_MERCHANT_PRIVATE_KEY_PKCS8))).toThrow()
  })

  it('signs the GoPay88 vector with SHA1withRSA byte for byte, from every key form', async () => {
    for (const text of [
      VECTOR_MERCHANT_PRIVATE_KEY_PKCS1,
      VECTOR_MERCHANT_PRIVATE_KEY_PKCS8,
      bareBase64(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1),
    ]) {
      const key = await importRsaPrivateKey(text, 'SHA-1')
      expect(toBase64(await rsaSign(key, VECTOR_STRING_TO_SIGN_BASE64))).toBe(VECTOR_SIGNATURE)
    }
  })

  it('verifies the vector signature with the public key, and nothing else', async () => {
    const signature = fromBase64(VECTOR_SIGNATURE)
    for (const text of [VECTOR_MERCHANT_PUBLIC_KEY_SPKI, VECTOR_MERCHANT_PUBLIC_KEY_PKCS1]) {
      const key = await importRsaPublicKey(text, 'SHA-1')
      expect(await rsaVerify(key, signature, VECTOR_STRING_TO_SIGN_BASE64)).toBe(true)
      expect(await rsaVerify(key, signature, `${VECTOR_STRING_TO_SIGN_BASE64}x`)).toBe(false)
    }
    const platform = await importRsaPublicKey(VECTOR_PLATFORM_PUBLIC_KEY, 'SHA-1')
    expect(await rsaVerify(platform, signature, VECTOR_STRING_TO_SIGN_BASE64)).toBe(false)
  })

  it('imports a key once per isolate and reuses it', async () => {
    const first = await importRsaPrivateKey(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1, 'SHA-1')
    expect(await importRsaPrivateKey(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1, 'SHA-1')).toBe(first)
    expect(await importRsaPrivateKey(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1, 'SHA-256')).not.toBe(first)
  })

  it('does not keep a key that failed to import', async () => {
    await expect(importRsaPublicKey('AAAA', 'SHA-1')).rejects.toThrow()
    await expect(importRsaPublicKey('AAAA', 'SHA-1')).rejects.toThrow()
  })
})
