/**
 * The callback secret rotates like webhook secrets: a new random secret at once, the previous one
 * signing alongside for 24 hours (the redirect's `signature` lists both, current first), one
 * rotation at a time.
 */
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { toHex } from '../../src/crypto/encoding'
import { hmac } from '../../src/crypto/hash'
import { call, type ErrorBody } from '../helpers/http'
import { card, completeThreeDS, createPayingTenant, pay, SHOP } from '../helpers/payments'
import type { TestTenant } from '../helpers/tenant'

interface SecretAnswer {
  callbackSecret: string
  previousSecretExpiresAt: string | null
}

/** The signatures of a redirect that `secret` makes, checked the way the README shows. */
async function signedWith(location: string, secret: string) {
  const raw = new URL(location).search.slice(1)
  const at = raw.lastIndexOf('&signature=')
  const expected = toHex(await hmac('SHA-256', secret, raw.slice(0, at)))
  return raw
    .slice(at + '&signature='.length)
    .split(',')
    .includes(expected)
}

async function redirectOf(tenant: TestTenant) {
  const created = await pay(tenant, {
    use3D: true,
    cardInfo: card('4000000000003220'),
    callbackUrl: `${SHOP}/done?order=7`,
  })
  const { callback } = await completeThreeDS(created.body.redirectUrl!, 'authenticate')
  return callback.headers.get('Location')!
}

const getSecret = (tenant: TestTenant) =>
  call<SecretAnswer>('GET', '/v1/config/callback-secret', { token: tenant.token })
const rotate = (tenant: TestTenant) =>
  call<SecretAnswer & ErrorBody>('POST', '/v1/config/callback-secret/rotate', {
    token: tenant.token,
  })

describe('callback secret rotation', () => {
  it('signs with both secrets during the overlap, then with the new one only', async () => {
    const tenant = await createPayingTenant()
    const original = (await getSecret(tenant)).body
    expect(original.previousSecretExpiresAt).toBeNull()
    expect(await signedWith(await redirectOf(tenant), original.callbackSecret)).toBe(true)

    const rotated = await rotate(tenant)
    expect(rotated.status).toBe(200)
    const next = rotated.body.callbackSecret
    expect(next).toMatch(/^cbsec_/)
    expect(next).not.toBe(original.callbackSecret)
    const overlapEnds = Date.parse(rotated.body.previousSecretExpiresAt!)
    expect(overlapEnds - Date.now()).toBeGreaterThan(23 * 3600_000)
    expect((await getSecret(tenant)).body).toEqual({
      success: true,
      callbackSecret: next,
      previousSecretExpiresAt: rotated.body.previousSecretExpiresAt,
    })

    const during = await redirectOf(tenant)
    expect(new URL(during).searchParams.get('signature')!.split(',')).toHaveLength(2)
    expect(await signedWith(during, next)).toBe(true)
    expect(await signedWith(during, original.callbackSecret)).toBe(true)

    const again = await rotate(tenant)
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('rotation_in_progress')

    await env.DB.prepare(
      'UPDATE callback_secrets SET previous_secret_expires_at = ? WHERE tenant_id = ?'
    )
      .bind(Date.now() - 1, tenant.tenantId)
      .run()
    const after = await redirectOf(tenant)
    expect(await signedWith(after, next)).toBe(true)
    expect(await signedWith(after, original.callbackSecret)).toBe(false)
    expect((await getSecret(tenant)).body.previousSecretExpiresAt).toBeNull()

    const third = await rotate(tenant)
    expect(third.status).toBe(200)
    expect(await signedWith(await redirectOf(tenant), next)).toBe(true)
  })

  it('lets exactly one of two simultaneous rotations win', async () => {
    const tenant = await createPayingTenant()
    const answers = await Promise.all([rotate(tenant), rotate(tenant)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409])
    const winner = answers.find((a) => a.status === 200)!
    expect((await getSecret(tenant)).body.callbackSecret).toBe(winner.body.callbackSecret)
  })

  it('keeps each tenant’s secret its own', async () => {
    const a = await createPayingTenant()
    const b = await createPayingTenant()
    await rotate(a)
    expect((await getSecret(b)).body.previousSecretExpiresAt).toBeNull()
    expect((await getSecret(b)).body.callbackSecret).not.toBe(
      (await getSecret(a)).body.callbackSecret
    )
  })
})
