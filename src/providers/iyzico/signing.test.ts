import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { threeDSReturnSignature } from './returns'
import { authorizationHeader, joinedSignature, sameSignature, webhookSignature } from './signing'
import { sdk } from './testing'

describe('IYZWSv2 request authentication', () => {
  it('matches the vector of iyzipay-node test/unit/UtilsTest.js', async () => {
    // The SDK's body is the JS string "body", which JSON.stringify writes as "\"body\"".
    const header = await authorizationHeader({
      apiKey: 'api_key',
      secretKey: 'secret_key',
      randomKey: 'random_string',
      uriPath: 'uri',
      body: '"body"',
    })
    expect(header).toBe(
      'IYZWSv2 YXBpS2V5OmFwaV9rZXkmcmFuZG9tS2V5OnJhbmRvbV9zdHJpbmcmc2lnbmF0dXJlOjAxNzUwODkyMWEyOWVlNTYwMWJjZDFmYmU4M2VmZDJlMmJlNDNhZjAyZWNlZmYzMGNmMmU5MWE1MzlhYWIzNTU='
    )
  })

  it('writes the same header as the installed iyzipay package for any request', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1 }),
        fc.string({ minLength: 1 }),
        fc.stringMatching(/^[0-9a-z]{6,24}$/),
        fc.constantFrom('/payment/auth', '/payment/detail', '/v2/payment/refund'),
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
        async (apiKey, secretKey, randomKey, uriPath, body) => {
          const ours = await authorizationHeader({
            apiKey,
            secretKey,
            randomKey,
            uriPath,
            body: JSON.stringify(body),
          })
          const theirs = sdk.generateAuthorizationHeaderV2(
            'IYZWSv2',
            apiKey,
            ':',
            secretKey,
            uriPath,
            body,
            randomKey
          )
          expect(ours).toBe(theirs)
        }
      ),
      { numRuns: 50 }
    )
  })
})

describe('answer signatures', () => {
  it('join values with ":" like iyzipay-node calculateHmacSHA256Signature', async () => {
    const values = ['22416032', 'TRY', 'B67832', '123456789', 1.2, 1]
    expect(await joinedSignature('secretKey', values)).toBe(
      sdk.calculateHmacSHA256Signature(values, 'secretKey')
    )
  })

  it('write absent values as empty text, as iyzipay-java does', async () => {
    expect(await joinedSignature('k', ['1', null, undefined, 'x'])).toBe(
      await joinedSignature('k', ['1', '', '', 'x'])
    )
  })

  it('compare regardless of hex case and refuse anything else', async () => {
    const expected = await joinedSignature('k', ['a'])
    expect(sameSignature(expected, expected.toUpperCase())).toBe(true)
    const other = expected.endsWith('0') ? '1' : '0'
    expect(sameSignature(expected, `${expected.slice(0, -1)}${other}`)).toBe(false)
    expect(sameSignature(expected, undefined)).toBe(false)
  })
})

describe('3-D Secure return signature', () => {
  it('matches vector CB-1 of iyzipay-php samples/callbackUrl_Signature_Validation.php', async () => {
    // Posted: status=success&paymentId=22484292&conversationData=&conversationId=&mdStatus=1
    const signature = await threeDSReturnSignature('jLc7GQHD2pyJoqXDeEcTnGHYtP7Ai5jl', {
      status: 'success',
      paymentId: '22484292',
      conversationData: '',
      conversationId: '',
      mdStatus: '1',
    })
    expect(signature).toBe('a4f73b80bb32a6ef8358090bbd8609a49a7b53f463048f8ef147496e236d04f0')
  })
})

describe('X-IYZ-SIGNATURE-V3', () => {
  const secret = 'sandbox-UuLnD7wZa0a3DmytfIrwHQqAMfqCNJrs'

  it('matches vector WH-1 (checkout form) of iyzipay-php samples/webhook_Signature_Validation.php', async () => {
    const fields = [
      'CHECKOUT_FORM_AUTH',
      '22483975',
      'e828c62d-fd12-4b1a-ad5a-380f15fe6596',
      'conversationId',
      'SUCCESS',
    ]
    expect(await webhookSignature(secret, fields)).toBe(
      '4031c575763486a2d2bf3f7ace0baebfcd6bed65393ab4df3fe80c00d5fd6878'
    )
  })

  it('matches the direct-payment vector of the same sample', async () => {
    const fields = ['API_AUTH', '22484059', 'conversationId', 'SUCCESS']
    expect(await webhookSignature(secret, fields)).toBe(
      '92c7a72b7741bc83eb696066605c894778c87297b2c88d6037670666230e18ae'
    )
  })
})
