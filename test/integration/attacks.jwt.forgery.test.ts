/**
 * Forged access tokens, through the Worker's own fetch against real authenticated routes (the
 * routes and the refusal checked are in `../helpers/jwt-attacks.ts`): unsigned tokens, HMAC keyed
 * with the public key, tampered payloads, headers and signatures, attackers' keys under the
 * gateway's kids, hostile kids and keys the token brings along. Every one must answer 401 with the
 * gateway's stable error code, a request id and nothing else; none may reach a handler.
 *
 * The gateway has no JWKS endpoint: its public keys live in D1 (`signing_keys.public_jwk`) and
 * KV. The key-confusion cases read the public JWK from there and treat it as published, since
 * the attack only assumes the attacker knows the public key.
 *
 * Basic cases (alg none with a lower-case `none`, HS256 over the stored JWK text, an attacker's
 * key under the current kid, an edited role, a syntactically valid unknown kid, a wrong typ) live
 * in `auth.security.test.ts`; this suite covers their variants and the rest. Wrong claims are in
 * `attacks.jwt.claims.test.ts`, the wrong credential or header in `attacks.jwt.credentials.test.ts`.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { currentSigner } from '../../src/auth/signing-keys'
import { toBase64Url } from '../../src/crypto/encoding'
import {
  attackerKeyPair,
  type Claims,
  compactJws,
  derEcdsaSignature,
  es256,
  type HmacAlg,
  highS,
  hmac,
  publicKeySerialisations,
  segment,
  withSpareBitSet,
} from '../helpers/forged-jwt'
import { call } from '../helpers/http'
import {
  ATTACKED_ROUTES,
  bearer,
  claimsOf,
  expectNothingCreated,
  expectRefused,
  gatewaySigned,
  send,
} from '../helpers/jwt-attacks'
import { createPayingTenant } from '../helpers/payments'
import { createTestTenant, signingDeps } from '../helpers/tenant'

describe('the forging harness', () => {
  it('makes tokens the gateway accepts when nothing is off, so every refusal below is meaningful', async () => {
    const tenant = await createPayingTenant()
    const token = await gatewaySigned(tenant)
    for (const route of ATTACKED_ROUTES) {
      expect((await send(route, bearer(token))).status).toBeLessThan(300)
    }
  })
})

describe('unsigned tokens (alg none)', () => {
  it.each(['none', 'None', 'NONE', 'nOnE'])(
    'refuses alg %s with and without the trailing dot, and with a real signature kept',
    async (alg) => {
      const tenant = await createPayingTenant()
      const { kid } = await currentSigner(await signingDeps())
      const payload = segment(claimsOf(tenant, { role: 'admin' }))
      const header = segment({ alg, typ: 'at+jwt', kid })
      const genuineSignature = (await gatewaySigned(tenant, { role: 'admin' })).split('.')[2]
      await expectRefused(`${header}.${payload}.`)
      await expectRefused(`${header}.${payload}`)
      await expectRefused(`${header}.${payload}.${genuineSignature}`)
      await expectRefused(`${segment({ alg })}.${payload}.`)
      await expectNothingCreated(tenant)
    }
  )
})

describe('key confusion: HMAC keyed with the published public key', () => {
  it.each<HmacAlg>(['HS256', 'HS384', 'HS512'])(
    'refuses %s over every common serialisation of the public JWK',
    async (alg) => {
      const tenant = await createPayingTenant()
      const { kid } = await currentSigner(await signingDeps())
      const row = await env.DB.prepare('SELECT public_jwk FROM signing_keys WHERE kid = ?')
        .bind(kid)
        .first<{ public_jwk: string }>()
      const forms = await publicKeySerialisations(row!.public_jwk, kid)
      expect(Object.keys(forms).length).toBeGreaterThanOrEqual(10)
      for (const secret of Object.values(forms)) {
        const header = { alg, typ: 'at+jwt', kid }
        await expectRefused(await compactJws(header, claimsOf(tenant), hmac(alg, secret)))
      }
      await expectNothingCreated(tenant)
    }
  )
})

describe('tampering', () => {
  it('refuses a payload edited to another tenant, user or admin, the signature kept', async () => {
    const [victim, attacker] = await Promise.all([createPayingTenant(), createPayingTenant()])
    const [header, , signature] = (await gatewaySigned(attacker)).split('.')
    for (const edit of [
      { tid: victim.tenantId },
      { tid: victim.tenantId, sub: victim.userId },
      { role: 'admin' },
    ]) {
      await expectRefused(`${header}.${segment(claimsOf(attacker, edit))}.${signature}`)
    }
    await expectNothingCreated(victim)
  })

  it('refuses an edited header: typ, alg, kid, crit, b64', async () => {
    const tenant = await createTestTenant()
    const { kid } = await currentSigner(await signingDeps())
    const nextKid = (await env.DB.prepare(
      "SELECT kid FROM signing_keys WHERE state = 'next'"
    ).first<{
      kid: string
    }>())!.kid
    const [, payload, signature] = (await gatewaySigned(tenant)).split('.')
    for (const header of [
      { alg: 'ES256', typ: 'JWT', kid },
      { alg: 'ES384', typ: 'at+jwt', kid },
      { alg: 'ES512', typ: 'at+jwt', kid },
      { alg: 'RS256', typ: 'at+jwt', kid },
      { alg: 'PS256', typ: 'at+jwt', kid },
      { alg: 'EdDSA', typ: 'at+jwt', kid },
      { alg: 'ES256', typ: 'at+jwt', kid: nextKid },
      { alg: 'ES256', typ: 'at+jwt', kid, crit: ['exp'] },
      { alg: 'ES256', typ: 'at+jwt', kid, b64: false, crit: ['b64'] },
    ]) {
      await expectRefused(`${segment(header)}.${payload}.${signature}`)
    }
  })

  it('refuses a truncated, extended, empty, zeroed or DER-encoded signature', async () => {
    const tenant = await createTestTenant()
    const token = await gatewaySigned(tenant)
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const der = derEcdsaSignature(signature)
    for (const forged of [
      signature.slice(0, -1),
      signature.slice(0, 43),
      `${signature}A`,
      `${signature}AA`,
      '',
      toBase64Url(new Uint8Array(64)),
      der,
    ]) {
      await expectRefused(`${header}.${payload}.${forged}`)
    }
    await expectRefused(`${token}.${signature}`) // a fourth segment
  })

  it("refuses an attacker's key under the gateway's current and next kids", async () => {
    const tenant = await createTestTenant()
    const attacker = await attackerKeyPair()
    const { kid } = await currentSigner(await signingDeps())
    const rows = await env.DB.prepare('SELECT kid FROM signing_keys').all<{ kid: string }>()
    expect(rows.results.map((r) => r.kid)).toContain(kid)
    for (const row of rows.results) {
      const header = { alg: 'ES256', typ: 'at+jwt', kid: row.kid }
      await expectRefused(await compactJws(header, claimsOf(tenant), es256(attacker.privateKey)))
    }
  })

  // Not a forgery: the signed bytes and claims are unchanged. It means a token's string is not
  // unique (ECDSA's (r, n − s) alone guarantees that), so no denylist or cache may key on it.
  it('accepts the same signature written another way: spare bits, ECDSA high-S', async () => {
    const tenant = await createTestTenant()
    const [header, payload, signature] = tenant.token.split('.') as [string, string, string]
    for (const reencoded of [withSpareBitSet(signature), highS(signature)]) {
      expect(reencoded).not.toBe(signature)
      const res = await call('GET', '/v1/config/tenant', {
        token: `${header}.${payload}.${reencoded}`,
      })
      expect(res.status).toBe(200)
    }
  })

  it('refuses base64 padding in any segment: JWS compact form has none (RFC 7515 §2)', async () => {
    const tenant = await createTestTenant()
    const [header, payload, signature] = tenant.token.split('.') as [string, string, string]
    const padded = (text: string) => `${text}${'='.repeat((4 - (text.length % 4)) % 4 || 4)}`
    await expectRefused(`${header}.${payload}.${signature}==`)
    await expectRefused(`${padded(header)}.${payload}.${signature}`)
    await expectRefused(`${header}.${padded(payload)}.${signature}`)
  })
})

describe('kid and key-locating headers', () => {
  it('refuses a missing kid and kids with traversal, SQL, wildcards or the wrong type', async () => {
    const tenant = await createTestTenant()
    const signer = await currentSigner(await signingDeps())
    const sign = (header: Claims) =>
      compactJws({ alg: 'ES256', typ: 'at+jwt', ...header }, claimsOf(tenant), es256(signer.key))
    await expectRefused(await sign({}))
    for (const kid of [
      '',
      '../../../../etc/passwd',
      `../${signer.kid}`,
      `${signer.kid}/../${signer.kid}`,
      `${signer.kid}' --`,
      "' OR '1'='1",
      `x' UNION SELECT public_jwk FROM signing_keys WHERE kid='${signer.kid}`,
      '"; DROP TABLE signing_keys; --',
      `${signer.kid}\u0000`,
      ` ${signer.kid}`,
      signer.kid.toLowerCase(),
      'current',
      '*',
      '%',
      '__proto__',
      'x'.repeat(10_000),
      0,
      [signer.kid],
      { kid: signer.kid },
    ]) {
      await expectRefused(await sign({ kid }))
    }
    const keys = await env.DB.prepare('SELECT COUNT(*) AS n FROM signing_keys').first<{
      n: number
    }>()
    expect(keys!.n).toBeGreaterThanOrEqual(2) // the key table is untouched
  })

  it('trusts no key the token brings along: jwk, jku, x5u, x5c', async () => {
    const tenant = await createTestTenant()
    const attacker = await attackerKeyPair()
    const { kid } = await currentSigner(await signingDeps())
    const attackerKid = 'attacker-key'
    const jwk = { ...attacker.publicJwk, kid: attackerKid }
    for (const header of [
      { jwk },
      { jwk, kid },
      { jwk, kid: attackerKid },
      { jku: 'https://attacker.example/jwks.json', kid: attackerKid },
      { jku: `${env.APP_URL}/.well-known/jwks.json`, kid },
      { x5u: 'https://attacker.example/cert.pem', kid: attackerKid },
      { x5c: ['MIIBattacker'], kid },
    ]) {
      const full = { alg: 'ES256', typ: 'at+jwt', ...header }
      await expectRefused(await compactJws(full, claimsOf(tenant), es256(attacker.privateKey)))
    }
  })
})
