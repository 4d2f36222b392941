import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64, toHex, utf8 } from '../../crypto/encoding'
import { importRsaPrivateKey, importRsaPublicKey, rsaSign, rsaVerify } from '../../crypto/rsa'
import {
  TEST_PLATFORM_PRIVATE_KEY_PKCS1,
  TEST_PLATFORM_PUBLIC_KEY,
} from './fixtures/test-platform-key'
import {
  VECTOR_BODY,
  VECTOR_MERCHANT_PRIVATE_KEY_PKCS1,
  VECTOR_MERCHANT_PRIVATE_KEY_PKCS8,
  VECTOR_MERCHANT_PUBLIC_KEY_SPKI,
  VECTOR_NONCE,
  VECTOR_SIGNATURE,
  VECTOR_STRING_TO_SIGN,
  VECTOR_STRING_TO_SIGN_BASE64,
  VECTOR_TIMESTAMP,
  VECTOR_URI,
} from './fixtures/vector'
import {
  answerStringToSign,
  asciiJson,
  newNonce,
  phpUtf8Encode,
  requestHeaders,
  requestStringToSign,
  signedBase64,
  signedPathOf,
  signRequest,
  verifyPlatformSignature,
} from './signing'
import { platformHeaders } from './testing'

const vectorRequest = {
  restUrl: `https://pay.gopay88.io${VECTOR_URI}`,
  nonce: VECTOR_NONCE,
  timestamp: VECTOR_TIMESTAMP,
  body: VECTOR_BODY,
}

describe('GoPay88 request signature (the vector)', () => {
  it('builds the string to sign byte for byte: URI, empty query, nonce, timestamp, body', () => {
    expect(requestStringToSign(vectorRequest)).toBe(VECTOR_STRING_TO_SIGN)
    expect(signedBase64(VECTOR_STRING_TO_SIGN)).toBe(VECTOR_STRING_TO_SIGN_BASE64)
  })

  it('computes the expected x-ca-signature from the PKCS#1 and the PKCS#8 key', async () => {
    expect(await signRequest(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1, vectorRequest)).toBe(
      VECTOR_SIGNATURE
    )
    expect(await signRequest(VECTOR_MERCHANT_PRIVATE_KEY_PKCS8, vectorRequest)).toBe(
      VECTOR_SIGNATURE
    )
  })

  it('sends every documented header with the vector signature', async () => {
    const headers = await requestHeaders(
      {
        apiKey: '772ae1d32322f49508307b2f31a0107f',
        merchantPrivateKey: VECTOR_MERCHANT_PRIVATE_KEY_PKCS1,
      },
      vectorRequest
    )
    expect(headers).toEqual({
      'content-type': 'application/json; charset=UTF-8',
      accept: 'application/json; charset=UTF-8',
      'x-ca-resturl': 'https://pay.gopay88.io/pay/unifiedorder',
      'x-ca-timestamp': VECTOR_TIMESTAMP,
      'x-ca-noncestr': VECTOR_NONCE,
      'x-ca-auth': '772ae1d32322f49508307b2f31a0107f',
      'x-ca-signature': VECTOR_SIGNATURE,
    })
  })

  it('signs the path from /pay/ when the base URL carries a prefix, and the query line', () => {
    expect(signedPathOf('https://gw.example/api/v2/pay/orderquery')).toEqual({
      uri: '/pay/orderquery',
      query: '',
    })
    expect(signedPathOf('http://providers.sim/gopay88/PAY/unifiedorder?a=1&b=2')).toEqual({
      uri: '/PAY/unifiedorder',
      query: 'a=1&b=2',
    })
    const prefixed = { ...vectorRequest, restUrl: `https://gw.example/gopay88${VECTOR_URI}` }
    expect(requestStringToSign(prefixed)).toBe(VECTOR_STRING_TO_SIGN)
  })

  it('makes 32 upper-case hex nonces', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce))
    expect(nonces.size).toBe(50)
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9A-F]{32}$/)
  })
})

describe('ASCII JSON and PHP utf8_encode', () => {
  it("escapes non-ASCII as PHP's json_encode does, surrogate pairs included", () => {
    expect(asciiJson({ subject: 'VIP充值 - 100001' })).toBe(
      '{"subject":"VIP\\u5145\\u503c - 100001"}'
    )
    expect(asciiJson({ s: 'é😀' })).toBe('{"s":"\\u00e9\\ud83d\\ude00"}')
    expect(JSON.parse(asciiJson({ s: 'é😀"\\' }))).toEqual({ s: 'é😀"\\' })
  })

  it('encodes non-ASCII bytes twice, as the server hashes them', () => {
    expect(toHex(phpUtf8Encode('aé'))).toBe('61c383c2a9')
    expect(phpUtf8Encode('plain')).toEqual(utf8('plain'))
  })
})

describe('GoPay88 answer and notify signature', () => {
  const charge = '{"out_trade_no":"pay_1","amount":"1.66","return_url":"https:\\/\\/shop\\/r"}'

  it('verifies the platform signature over nonce, timestamp and the raw charge', async () => {
    const headers = await platformHeaders(charge)
    const read = {
      nonce: headers['x-ca-noncestr'],
      timestamp: headers['x-ca-timestamp'],
      signature: headers['x-ca-signature'],
    }
    expect(await verifyPlatformSignature(TEST_PLATFORM_PUBLIC_KEY, read, charge)).toBe(true)
    expect(
      await verifyPlatformSignature(TEST_PLATFORM_PUBLIC_KEY, read, charge.replace('1.66', '9.66'))
    ).toBe(false)
    expect(
      await verifyPlatformSignature(TEST_PLATFORM_PUBLIC_KEY, { ...read, nonce: 'X' }, charge)
    ).toBe(false)
    expect(
      await verifyPlatformSignature(TEST_PLATFORM_PUBLIC_KEY, { ...read, timestamp: null }, charge)
    ).toBe(false)
    expect(
      await verifyPlatformSignature(TEST_PLATFORM_PUBLIC_KEY, { ...read, signature: '%%' }, charge)
    ).toBe(false)
    expect(await verifyPlatformSignature(VECTOR_MERCHANT_PUBLIC_KEY_SPKI, read, charge)).toBe(false)
  })

  it('accepts a non-ASCII charge signed with and without the double encoding', async () => {
    const unicode = '{"subject":"会员充值"}'
    const key = await importRsaPrivateKey(TEST_PLATFORM_PRIVATE_KEY_PKCS1, 'SHA-1')
    const text = answerStringToSign('N', '1', unicode)
    for (const signed of [signedBase64(text), toBase64(utf8(text))]) {
      const signature = toBase64(await rsaSign(key, signed))
      expect(
        await verifyPlatformSignature(
          TEST_PLATFORM_PUBLIC_KEY,
          { nonce: 'N', timestamp: '1', signature },
          unicode
        )
      ).toBe(true)
    }
  })

  it('signs what the merchant public key verifies (the server side of the vector)', async () => {
    const key = await importRsaPublicKey(VECTOR_MERCHANT_PUBLIC_KEY_SPKI, 'SHA-1')
    const signature = await signRequest(VECTOR_MERCHANT_PRIVATE_KEY_PKCS1, {
      ...vectorRequest,
      body: '{}',
    })
    const signed = signedBase64(requestStringToSign({ ...vectorRequest, body: '{}' }))
    expect(await rsaVerify(key, fromBase64(signature), signed)).toBe(true)
  })
})
