import { generateKeyPair, jwtVerify, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { type JwtExpectations, signJwt, verifyJwt } from './jwt'

const NOW = 1_800_000_000
const ISSUER = 'https://pay.example.com'
const AUDIENCE = `${ISSUER}/v1`
const header = { alg: 'ES256', typ: 'at+jwt', kid: 'key-1' } as const
const claims = {
  tid: 't',
  role: 'tenant',
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'u',
  iat: NOW,
  exp: NOW + 900,
}

async function setup() {
  const { publicKey, privateKey } = await generateKeyPair('ES256')
  const expect: JwtExpectations = {
    typ: 'at+jwt',
    issuer: ISSUER,
    audience: AUDIENCE,
    requiredClaims: ['sub', 'tid', 'role', 'iat', 'exp'],
    clockToleranceSeconds: 30,
    maxTokenAgeSeconds: 930,
    nowSeconds: NOW,
    keyFor: async (kid) => (kid === 'key-1' ? publicKey : undefined),
  }
  return { publicKey, privateKey, expect }
}

// jose (a devDependency) is the independent implementation: each side must accept the other's tokens.
describe('ES256 JWTs, cross-checked with jose', () => {
  it('signs tokens jose verifies with the same pinned checks', async () => {
    const { publicKey, privateKey } = await setup()
    const token = await signJwt(header, claims, privateKey)
    const { payload, protectedHeader } = await jwtVerify(token, publicKey, {
      algorithms: ['ES256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: 'at+jwt',
      currentDate: new Date(NOW * 1000),
    })
    expect(protectedHeader).toEqual(header)
    expect(payload).toEqual(claims)
  })

  it('verifies tokens jose signs, with typ compared as a media type', async () => {
    const { privateKey, expect: expectations } = await setup()
    for (const typ of ['at+jwt', 'AT+JWT', 'application/at+jwt']) {
      const token = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', typ, kid: 'key-1' })
        .sign(privateKey)
      expect(await verifyJwt(token, expectations)).toEqual({ valid: true, claims })
    }
  })

  it('calls a token expired only past the tolerance, by exp or by age', async () => {
    const { privateKey, expect: expectations } = await setup()
    const verdict = async (times: object) =>
      verifyJwt(await signJwt(header, { ...claims, ...times }, privateKey), expectations)
    expect((await verdict({ exp: NOW - 29 })).valid).toBe(true)
    expect(await verdict({ exp: NOW - 30 })).toEqual({ valid: false, expired: true })
    expect(await verdict({ iat: NOW - 961, exp: NOW + 60 })).toEqual({
      valid: false,
      expired: true,
    })
    expect(await verdict({ iat: NOW + 31 })).toEqual({ valid: false, expired: false })
    expect(await verdict({ nbf: NOW + 31 })).toEqual({ valid: false, expired: false })
    expect(await verdict({ nbf: String(NOW) })).toEqual({ valid: false, expired: false })
  })

  it('judges claims only after the signature holds', async () => {
    const { expect: expectations } = await setup()
    const stranger = await generateKeyPair('ES256')
    const expiredForgery = await signJwt(
      header,
      { ...claims, exp: NOW - 3600 },
      stranger.privateKey
    )
    expect(await verifyJwt(expiredForgery, expectations)).toEqual({ valid: false, expired: false })
  })

  it('accepts an audience list that names the gateway, and nothing else', async () => {
    const { privateKey, expect: expectations } = await setup()
    const verdict = async (aud: unknown) =>
      (await verifyJwt(await signJwt(header, { ...claims, aud }, privateKey), expectations)).valid
    expect(await verdict(['https://other.example', AUDIENCE])).toBe(true)
    expect(await verdict(['https://other.example'])).toBe(false)
    expect(await verdict({ [AUDIENCE]: true })).toBe(false)
  })
})
