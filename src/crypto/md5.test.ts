/**
 * MD5 is not part of WebCrypto, but the Workers runtime's `crypto.subtle.digest` accepts it
 * ("supported in Cloudflare Workers for interacting with legacy systems that require MD5",
 * https://developers.cloudflare.com/workers/runtime-apis/web-crypto/#supported-algorithms), and
 * these tests run inside workerd, the same runtime as production. PayU signs its notifications with
 * it. The seven vectors are the test suite of RFC 1321, appendix A.5.
 */
import { describe, expect, it } from 'vitest'
import { toHex } from './encoding'
import { digest } from './hash'

const RFC_1321_SUITE: [message: string, md5: string][] = [
  ['', 'd41d8cd98f00b204e9800998ecf8427e'],
  ['a', '0cc175b9c0f1b6a831c399e269772661'],
  ['abc', '900150983cd24fb0d6963f7d28e17f72'],
  ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
  ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
  [
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
    'd174ab98d277d9f5a5611c2c9f419d9f',
  ],
  [
    '12345678901234567890123456789012345678901234567890123456789012345678901234567890',
    '57edf4a22be3c955ac49da2e2107b67a',
  ],
]

describe('MD5 (RFC 1321)', () => {
  it.each(RFC_1321_SUITE)('digests %j as the RFC says', async (message, expected) => {
    expect(toHex(await digest('MD5', message))).toBe(expected)
  })

  it('digests the UTF-8 bytes of a text and raw bytes alike', async () => {
    const bytes = new TextEncoder().encode('zażółć')
    expect(toHex(await digest('MD5', 'zażółć'))).toBe(toHex(await digest('MD5', bytes)))
  })
})
