/** @module The cron: jobs that keep the gateway healthy without a request to trigger them. */
import { rotateSigningKeysIfDue } from './auth/signing-keys'
import { loadKeyring } from './crypto/keyring'
import { createDb } from './db/client'

export async function runScheduledJobs(env: Env, scheduledTime: number): Promise<void> {
  const keyring = loadKeyring(env.CONFIG_ENCRYPTION_KEY)
  if (typeof keyring === 'string') {
    console.error(
      JSON.stringify({ event: 'cron_skipped', reason: `CONFIG_ENCRYPTION_KEY ${keyring}` })
    )
    return
  }
  const rotated = await rotateSigningKeysIfDue({
    db: createDb(env.DB),
    kv: env.KV,
    sealingKey: (await keyring).signingKeys,
    now: () => Math.max(Date.now(), scheduledTime),
  })
  if (rotated) console.info(JSON.stringify({ event: 'signing_keys_rotated' }))
}
