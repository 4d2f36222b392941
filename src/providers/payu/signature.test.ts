import { describe, expect, it } from 'vitest'
import type { DigestAlgorithm } from '../../crypto/hash'
import {
  digestsOf,
  documentSignature,
  parseSignatureHeader,
  signatureHeaderOf,
  verifyDocument,
} from './signature'
import { payuSignatureHeader } from './test-context'

/**
 * PayU-EMEA/openpayu_php `tests/unit/OpenPayU_UtilTest.php`: `verifySignature('OpenPayUData',
 * <expected>, 'SignatureKey', <algorithm>)`, i.e. a hash of `OpenPayUDataSignatureKey`.
 */
const SDK_VERIFY_VECTORS: [algorithm: string, expected: string][] = [
  ['MD5', '8375034eb737d520c829fad4026a38aa'],
  ['SHA-1', '52bb16149d1a5ccc8ac05f8e435c30d82efd5364'],
  ['SHA256', '8b2fd55b48f150347df56ce18d787335f32ced1d67f214016476f7c0a8f09981'],
  [
    'SHA384',
    '219a7029f09ae02ee406a623becca9691557cbf503fe58485cb5a08bf1a2a72f745fbc3e8fb1fa80f824b4f890ad3b35',
  ],
  [
    'SHA512',
    '4f658844a6bc4ed3c4320ecae0dc5e414c4fa2ce07563914cd5069f277ddead37be5ca6dc35099ff9d8c184bb561bb740f626fdb5162d8f7160dba8ec4ad1d5d',
  ],
]

/**
 * The same SDK's form-signing vectors (`generateSignData(['test' => 'OpenPayUData'], …,
 * 'SignatureKey')`): the hashed text is `test=OpenPayUData&` followed by the key.
 */
const SDK_FORM_VECTORS: [algorithm: DigestAlgorithm, expected: string][] = [
  ['SHA-256', 'e4c8315c9ab2e097ef1221f3fbd1e761405d961760e538fb2e0055d3d90b5e35'],
  [
    'SHA-384',
    'ef1f0258e004b4ade604115289a374a0cb54899ff48fc65ca6a23d5dfc6332dfd5a3a63de88b65743cff5ecf8db4fda2',
  ],
  [
    'SHA-512',
    '3ebb7cd2b9f60dacda25835f323fb15adda3eb729da71fd61c9bfd41b97c6eeea47949cee0aaf5fa1a4d8fa9c065369aaeffd34afc4f376bd11dd8bfdd3c564d',
  ],
]

describe('PayU document signature', () => {
  it.each(SDK_VERIFY_VECTORS)('verifies the SDK vector for %s', async (algorithm, expected) => {
    const header = `sender=checkout;signature=${expected};algorithm=${algorithm};content=DOCUMENT`
    expect(await verifyDocument('OpenPayUData', header, 'SignatureKey')).toBe(true)
    const [digest] = digestsOf(algorithm)
    expect(await documentSignature(digest!, 'OpenPayUData', 'SignatureKey')).toBe(expected)
  })

  it.each(SDK_VERIFY_VECTORS)('refuses "incorrectSignature" for %s', async (algorithm) => {
    const header = `signature=incorrectSignature;algorithm=${algorithm}`
    expect(await verifyDocument('OpenPayUData', header, 'SignatureKey')).toBe(false)
  })

  it.each(SDK_FORM_VECTORS)('hashes the SDK form vector with %s', async (algorithm, expected) => {
    expect(await documentSignature(algorithm, 'test=OpenPayUData&', 'SignatureKey')).toBe(expected)
  })

  it('takes the algorithm names the SDK takes, in any case, and no others', () => {
    expect(
      ['MD5', 'md5', 'SHA-1', 'SHA1', 'sha256', 'SHA-256', 'sha-256', 'SHA-384', 'SHA512'].map(
        (name) => digestsOf(name)[0]
      )
    ).toEqual([
      'MD5',
      'MD5',
      'SHA-1',
      'SHA-1',
      'SHA-256',
      'SHA-256',
      'SHA-256',
      'SHA-384',
      'SHA-512',
    ])
    expect(digestsOf('SHA-224')).toEqual([])
    expect(digestsOf('HMAC-MD5')).toEqual([])
  })

  it('reads SHA as the SDK does today (SHA-256) and did before April 2026 (SHA-1)', async () => {
    expect(digestsOf('SHA')).toEqual(['SHA-256', 'SHA-1'])
    for (const [, expected] of SDK_VERIFY_VECTORS.filter(([name]) => /^SHA-?(1|256)$/.test(name))) {
      const header = `sender=checkout;signature=${expected};algorithm=SHA;content=DOCUMENT`
      expect(await verifyDocument('OpenPayUData', header, 'SignatureKey')).toBe(true)
    }
    const md5 = SDK_VERIFY_VECTORS[0]![1]
    expect(
      await verifyDocument('OpenPayUData', `signature=${md5};algorithm=SHA`, 'SignatureKey')
    ).toBe(false)
  })

  it('parses the header as OpenPayU_Util::parseSignature does', () => {
    expect(
      parseSignatureHeader('sender=checkout;signature=abc;algorithm=MD5;content=DOCUMENT;')
    ).toEqual({ sender: 'checkout', signature: 'abc', algorithm: 'MD5', content: 'DOCUMENT' })
    expect(parseSignatureHeader('sender=MerchantPosId;algorithm=SHA-256;signature=e4c8')).toEqual({
      sender: 'MerchantPosId',
      algorithm: 'SHA-256',
      signature: 'e4c8',
    })
    expect(parseSignatureHeader(' sender=checkout; signature=abc ;algorithm=MD5 ')).toEqual({
      sender: 'checkout',
      signature: 'abc',
      algorithm: 'MD5',
    })
    expect(parseSignatureHeader('signature=a=b;algorithm=MD5')).toBeUndefined()
    expect(parseSignatureHeader('signature=a;;algorithm=MD5')).toBeUndefined()
    expect(parseSignatureHeader('signature;algorithm=MD5')).toBeUndefined()
    expect(parseSignatureHeader('')).toBeUndefined()
  })

  it('needs both signature and algorithm, and a second key', async () => {
    const signed = await payuSignatureHeader('{}', 'key')
    expect(await verifyDocument('{}', signed, 'key')).toBe(true)
    expect(await verifyDocument('{}', signed, undefined)).toBe(false)
    expect(await verifyDocument('{}', signed.replace(';algorithm=MD5', ''), 'key')).toBe(false)
    expect(await verifyDocument('{}', 'algorithm=MD5', 'key')).toBe(false)
    expect(await verifyDocument('{}', null, 'key')).toBe(false)
    expect(await verifyDocument('{"a":1}', signed, 'key')).toBe(false)
  })

  it('verifies the body trimmed, as the SDK does, and hex in either case', async () => {
    const signed = await payuSignatureHeader('{"a":1}', 'key')
    expect(await verifyDocument('{"a":1}\r\n', signed, 'key')).toBe(true)
    const upper = signed.replace(
      /signature=([0-9a-f]+)/,
      (_, hex: string) => `signature=${hex.toUpperCase()}`
    )
    expect(await verifyDocument('{"a":1}', upper, 'key')).toBe(true)
  })

  it('reads OpenPayu-Signature, or X-OpenPayU-Signature when that is all there is', () => {
    expect(signatureHeaderOf(new Headers({ 'openpayu-signature': 'a=b' }))).toBe('a=b')
    expect(signatureHeaderOf(new Headers({ 'X-OpenPayU-Signature': 'c=d' }))).toBe('c=d')
    expect(signatureHeaderOf(new Headers())).toBeNull()
  })
})
