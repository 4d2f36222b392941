/**
 * @module The cron: jobs that keep the gateway healthy without a request to trigger them. Each
 * runs on its own, so one failing does not stop the others; a malformed var or a missing master
 * secret skips them all, with one log line saying why.
 */
import { rotateSigningKeysIfDue } from './auth/signing-keys'
import { resealBatch } from './db/key-rotation'
import { deleteProviderLogsBefore } from './db/repos/provider-logs'
import { deleteExpiredShopperPages } from './db/repos/shopper-pages'
import { configProblemsOf } from './env'
import { reconcilePayments } from './payments/reconcile'
import { reconcileRefunds } from './payments/reconcile-refunds'
import { servicesOf } from './services'
import { sweepOutbox } from './webhooks/sweeper'

const DAY_MS = 24 * 60 * 60 * 1000
/** Rows deleted per run: bounded, so one run stays short; every 5 minutes catches up quickly. */
const PROVIDER_LOG_DELETE_BATCH = 5000

async function job(name: string, run: () => Promise<unknown>) {
  try {
    const result = await run()
    console.info(JSON.stringify({ event: 'cron_job', job: name, result }))
  } catch (error) {
    console.error(JSON.stringify({ event: 'cron_job_failed', job: name, error: String(error) }))
  }
}

export async function runScheduledJobs(env: Env, scheduledTime: number): Promise<void> {
  const problems = configProblemsOf(env)
  if (problems.length > 0) {
    // Skipped, not thrown: the jobs rely on the vars, and the first run after the fix catches up.
    console.error(JSON.stringify({ event: 'cron_skipped', reason: 'config_invalid', problems }))
    return
  }
  const base = servicesOf(env)
  const now = () => Math.max(Date.now(), scheduledTime)
  const services = { ...base, now }
  let keyring: Awaited<ReturnType<typeof base.keyring>>
  try {
    keyring = await base.keyring()
  } catch {
    console.error(
      JSON.stringify({ event: 'cron_skipped', reason: 'CONFIG_ENCRYPTION_KEY missing or invalid' })
    )
    return
  }
  await job('rotate_signing_keys', () =>
    rotateSigningKeysIfDue({
      db: services.db,
      kv: services.kv,
      sealingKey: keyring.signingKeys,
      now,
    })
  )
  // Values sealed under a previous master secret (or before key ids) are sealed again, a batch a run.
  await job('reseal_after_key_rotation', () => resealBatch(services.db, env.DB, keyring, now()))
  await job('reconcile_payments', () => reconcilePayments(env, services, keyring, now()))
  await job('reconcile_refunds', () => reconcileRefunds(env, services, keyring, now()))
  await job('sweep_outbox', () => sweepOutbox({ db: services.db, queue: env.WEBHOOKS, now: now() }))
  await job('expire_shopper_pages', () => deleteExpiredShopperPages(services.db, now()))
  await job('expire_provider_logs', () =>
    deleteProviderLogsBefore(
      services.db,
      now() - services.config.PROVIDER_LOG_RETENTION_DAYS * DAY_MS,
      PROVIDER_LOG_DELETE_BATCH
    )
  )
}
