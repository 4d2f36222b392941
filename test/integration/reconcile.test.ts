import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { type Keyring, loadKeyring } from '../../src/crypto/keyring'
import { reconcilePayments } from '../../src/payments/reconcile'
import { servicesOf } from '../../src/services'
import { cardInfo, harnessFor } from '../conformance/harness'
import { iyzicoProfile } from '../conformance/iyzico'
import { armFault } from '../conformance/simulators'
import { runCron } from '../helpers/cron'
import { createPayingTenant, pay, SHOP } from '../helpers/payments'

const HOUR_MS = 60 * 60 * 1000

const unreachableDatabase = () =>
  new Proxy(env.DB, {
    get: () => () => {
      throw new Error('D1 unreachable')
    },
  })

/** Moves a payment's clock back, as if it had been created `ms` ago. */
const age = (paymentId: string, ms: number) =>
  env.DB.prepare(
    'UPDATE payments SET created_at = created_at - ?, updated_at = updated_at - ? WHERE id = ?'
  )
    .bind(ms, ms, paymentId)
    .run()

const row = (paymentId: string) =>
  env.DB.prepare(
    'SELECT status, decline_code, reconcile_attempts, next_reconcile_at FROM payments WHERE id = ?'
  )
    .bind(paymentId)
    .first<{
      status: string
      decline_code: string | null
      reconcile_attempts: number
      next_reconcile_at: number | null
    }>()

describe('reconciliation', () => {
  it('fails a 3-D Secure payment the shopper abandoned, and announces it', async () => {
    const tenant = await createPayingTenant()
    const pending = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    await age(pending.body.paymentId, 2 * HOUR_MS)
    await runCron()
    expect(await row(pending.body.paymentId)).toMatchObject({
      status: 'failed',
      decline_code: 'authentication_failed',
    })
    const event = await env.DB.prepare(
      "SELECT type FROM payment_events WHERE payment_id = ? AND type = 'payment.failed'"
    )
      .bind(pending.body.paymentId)
      .first()
    expect(event).not.toBeNull()
    const charge = await env.DB.prepare('SELECT status FROM sandbox_charges WHERE reference = ?')
      .bind(pending.body.paymentId)
      .first()
    expect(charge).toEqual({ status: 'canceled' })
  })

  it('leaves a pending payment alone within its lifetime', async () => {
    const tenant = await createPayingTenant()
    const pending = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    await age(pending.body.paymentId, 10 * 60 * 1000)
    await runCron()
    expect(await row(pending.body.paymentId)).toMatchObject({
      status: 'pending',
      reconcile_attempts: 1,
    })
  })

  it('settles a payment whose outcome was unknown by asking the provider', async () => {
    const tenant = await createPayingTenant()
    const paid = await pay(tenant)
    await env.DB.prepare("UPDATE payments SET status = 'processing' WHERE id = ?")
      .bind(paid.body.paymentId)
      .run()
    await age(paid.body.paymentId, 10 * 60 * 1000)
    await runCron()
    expect(await row(paid.body.paymentId)).toMatchObject({ status: 'successful' })
  })

  it('does not fail an expired payment while its provider is silent, and does once it answers', async () => {
    const tenant = await createPayingTenant()
    const pending = await pay(tenant, { use3D: true, callbackUrl: `${SHOP}/cb` })
    await age(pending.body.paymentId, 2 * HOUR_MS)
    const keyring = await (loadKeyring(env.CONFIG_ENCRYPTION_KEY) as Promise<Keyring>)
    // The provider is down: every call to it fails (its store is unreachable), the gateway's is fine.
    const providerDown = { ...env, DB: unreachableDatabase() } as Env
    await reconcilePayments(providerDown, servicesOf(env), keyring, Date.now())
    expect(await row(pending.body.paymentId)).toMatchObject({ status: 'processing' })
    await env.DB.prepare('UPDATE payments SET next_reconcile_at = NULL WHERE id = ?')
      .bind(pending.body.paymentId)
      .run()
    await age(pending.body.paymentId, 10 * 60 * 1000)
    await runCron()
    expect(await row(pending.body.paymentId)).toMatchObject({
      status: 'failed',
      decline_code: 'authentication_failed',
    })
  })

  it('backs off a payment the provider cannot answer for', async () => {
    const h = await harnessFor(iyzicoProfile)
    await armFault(h.account, 'create', 'drop')
    const paid = await h.pay({ cardInfo: cardInfo(iyzicoProfile.cards!.success) })
    expect(paid.body.status).toBe('processing')
    await armFault(h.account, 'status', 'http_500', 10)
    await age(paid.body.paymentId, 10 * 60 * 1000)
    await runCron()
    const first = await row(paid.body.paymentId)
    expect(first).toMatchObject({ status: 'processing', reconcile_attempts: 1 })
    expect(first!.next_reconcile_at).toBeGreaterThan(Date.now())
    await runCron()
    expect(await row(paid.body.paymentId)).toMatchObject({ reconcile_attempts: 1 })
  })
})
