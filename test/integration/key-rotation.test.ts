/**
 * Rotating CONFIG_ENCRYPTION_KEY while the gateway runs: with the old secret as
 * CONFIG_ENCRYPTION_KEY_PREVIOUS everything sealed under it still opens and payments go on, the
 * cron seals every value again under the new key and pins derived callback secrets, /health counts
 * down to zero, and afterwards the old secret can go: nothing is unreadable and nothing is sealed
 * under it.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { type Keyring, loadKeyring } from '../../src/crypto/keyring'
import worker from '../../src/index'
import { runScheduledJobs } from '../../src/scheduled'
import { GATEWAY } from '../helpers/http'
import { createPayingTenant, paymentBody } from '../helpers/payments'
import type { TestTenant } from '../helpers/tenant'
import { endpointFor } from '../helpers/webhooks'

const OLD = env.CONFIG_ENCRYPTION_KEY
const NEW = 'bmV3LWtleS1mb3ItdGhlLXJvdGF0aW9uLXRlc3QtMDE='

const rotating = { ...env, CONFIG_ENCRYPTION_KEY: NEW, CONFIG_ENCRYPTION_KEY_PREVIOUS: OLD } as Env
const rotated = { ...env, CONFIG_ENCRYPTION_KEY: NEW } as Env

async function send(target: Env, token: string, method: string, path: string, body?: unknown) {
  const ctx = createExecutionContext()
  const res = await worker.fetch(
    new Request(`${GATEWAY}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    target,
    ctx
  )
  await waitOnExecutionContext(ctx)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const SEALED = [
  ['provider_configs', 'sealed_config'],
  ['signing_keys', 'sealed_private_jwk'],
  ['webhook_endpoints', 'sealed_secret'],
  ['webhook_endpoints', 'sealed_previous_secret'],
  ['callback_secrets', 'sealed_secret'],
  ['callback_secrets', 'sealed_previous_secret'],
] as const

async function sealedValues() {
  const values: string[] = []
  for (const [table, column] of SEALED) {
    const { results } = await env.DB.prepare(
      `SELECT ${column} AS v FROM ${table} WHERE ${column} IS NOT NULL`
    ).all<{ v: string }>()
    values.push(...results.map((r) => r.v))
  }
  return values
}

const configureIyzico = (tenant: TestTenant, target: Env) =>
  send(target, tenant.token, 'POST', '/v1/config/tenant', {
    provider: 'iyzico',
    environment: 'test',
    configs: [
      { key: 'apiKey', value: 'sandbox-api-key-0000000001' },
      { key: 'secretKey', value: 'sandbox-secret-key-000000001' },
    ],
  })

describe('rotating CONFIG_ENCRYPTION_KEY', () => {
  it('keeps everything readable, re-seals it all under the new key, and lets the old key go', async () => {
    const newKeyId = ((await loadKeyring(NEW)) as Keyring).keyId
    const oldKeyId = ((await loadKeyring(OLD)) as Keyring).keyId
    expect(newKeyId).not.toBe(oldKeyId)

    // Before: credentials, a webhook endpoint, a rotated callback secret, and a tenant whose
    // callback secret is still derived from the master key.
    const rotatedSecretTenant = await createPayingTenant()
    const derivedSecretTenant = await createPayingTenant()
    expect((await configureIyzico(rotatedSecretTenant, env)).status).toBe(200)
    await endpointFor(rotatedSecretTenant)
    expect(
      (await send(env, rotatedSecretTenant.token, 'POST', '/v1/config/callback-secret/rotate'))
        .status
    ).toBe(200)
    const derivedSecret = (
      await send(env, derivedSecretTenant.token, 'GET', '/v1/config/callback-secret')
    ).body.callbackSecret

    // During: the new key seals, the previous one still opens, payments go on.
    const health = await send(rotating, '', 'GET', '/health')
    expect(health.body).toMatchObject({ checks: { encryptionKey: { ok: true, rotation: {} } } })
    const remainingBefore = (
      health.body as { checks: { encryptionKey: { rotation: { remaining: number } } } }
    ).checks.encryptionKey.rotation.remaining
    expect(remainingBefore).toBeGreaterThan(0)
    expect(
      (await send(rotating, rotatedSecretTenant.token, 'GET', '/v1/config/tenant')).status
    ).toBe(200)
    const paid = await send(
      rotating,
      rotatedSecretTenant.token,
      'POST',
      '/v1/payments/sandbox',
      paymentBody()
    )
    expect(paid.status).toBe(201)
    expect((await configureIyzico(derivedSecretTenant, rotating)).status).toBe(200)
    expect(
      (await send(rotating, derivedSecretTenant.token, 'GET', '/v1/config/callback-secret')).body
        .callbackSecret
    ).toBe(derivedSecret)

    const logs = vi.spyOn(console, 'info').mockImplementation(() => {})
    try {
      await runScheduledJobs(rotating, Date.now())
    } finally {
      logs.mockRestore()
    }
    const after = await send(rotating, '', 'GET', '/health')
    expect(after.body).toMatchObject({
      checks: { encryptionKey: { ok: true, rotation: { remaining: 0 } } },
    })
    const values = await sealedValues()
    expect(values.length).toBeGreaterThanOrEqual(6)
    for (const value of values)
      expect(value.startsWith(`v2.${newKeyId}.`), value.slice(0, 12)).toBe(true)

    // After: without the old secret everything still opens, and the derived secret stayed.
    expect(
      (await send(rotated, rotatedSecretTenant.token, 'GET', '/v1/config/tenant')).status
    ).toBe(200)
    expect(
      (await send(rotated, derivedSecretTenant.token, 'GET', '/v1/config/tenant')).status
    ).toBe(200)
    expect(
      (await send(rotated, derivedSecretTenant.token, 'GET', '/v1/config/callback-secret')).body
        .callbackSecret
    ).toBe(derivedSecret)
    expect(
      (
        await send(
          rotated,
          rotatedSecretTenant.token,
          'POST',
          '/v1/payments/sandbox',
          paymentBody()
        )
      ).status
    ).toBe(201)
    const finalHealth = await send(rotated, '', 'GET', '/health')
    expect(finalHealth.status).toBe(200)
  })
})
