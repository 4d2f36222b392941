/**
 * @module The secrets that sign the redirects to a merchant's callbackUrl. A tenant starts with one
 * derived from the master key; rotating it stores a random one, and the previous secret keeps
 * signing next to it for 24 hours, so a merchant can deploy the new one without a redirect failing
 * verification meanwhile. One rotation at a time, as for webhook secrets.
 */
import { open, seal } from '../crypto/aes-gcm'
import { toBase64Url } from '../crypto/encoding'
import { hmac } from '../crypto/hash'
import type { Keyring } from '../crypto/keyring'
import { randomSecret } from '../crypto/random'
import type { Db } from '../db/client'
import { findCallbackSecret, replaceCallbackSecret } from '../db/repos/callback-secrets'

export const CALLBACK_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000

export interface CallbackSecrets {
  current: string
  /** Still signing until `previousExpiresAt`. */
  previous?: string
  previousExpiresAt?: number
}

type Keys = Pick<Keyring, 'callbackSecrets' | 'stateTokens' | 'previous'>

/**
 * The secret a tenant has before any rotation, derived from the master key. While the master is
 * being rotated it comes from the previous master, and the rotation pins it in D1 (see
 * `pinDerivedCallbackSecrets`), so merchants never see it change.
 */
async function derivedSecretOf(keys: Keys, tenantId: string): Promise<string> {
  const stateKey = (keys.previous ?? keys).stateTokens
  return `cbsec_${toBase64Url(await hmac('SHA-256', stateKey, `merchant-callback|${tenantId}`))}`
}

export const callbackSecretBinding = (tenantId: string) => `callback-secret|${tenantId}`

export async function callbackSecretsOf(
  db: Db,
  keys: Keys,
  tenantId: string,
  now: number
): Promise<CallbackSecrets> {
  const row = await findCallbackSecret(db, tenantId)
  if (!row) return { current: await derivedSecretOf(keys, tenantId) }
  const current = await open(
    keys.callbackSecrets,
    row.sealedSecret,
    callbackSecretBinding(tenantId)
  )
  const expiresAt = row.previousSecretExpiresAt ?? 0
  if (!row.sealedPreviousSecret || expiresAt <= now) return { current }
  const previous = await open(
    keys.callbackSecrets,
    row.sealedPreviousSecret,
    callbackSecretBinding(tenantId)
  )
  return { current, previous, previousExpiresAt: expiresAt }
}

/** The signing secrets in the order a redirect carries their signatures: the current one first. */
export const signingSecretsOf = (secrets: CallbackSecrets) =>
  secrets.previous ? [secrets.current, secrets.previous] : [secrets.current]

export type Rotation = { secret: string; previousExpiresAt: number } | { busyUntil: number }

export async function rotateCallbackSecret(
  db: Db,
  keys: Keys,
  tenantId: string,
  now: number
): Promise<Rotation> {
  const row = await findCallbackSecret(db, tenantId)
  const overlapEnds = row?.sealedPreviousSecret ? (row.previousSecretExpiresAt ?? 0) : 0
  if (overlapEnds > now) return { busyUntil: overlapEnds }
  const sealedPrevious =
    row?.sealedSecret ??
    (await seal(
      keys.callbackSecrets,
      await derivedSecretOf(keys, tenantId),
      callbackSecretBinding(tenantId)
    ))
  const secret = `cbsec_${randomSecret()}`
  const previousExpiresAt = now + CALLBACK_SECRET_OVERLAP_MS
  const stored = await replaceCallbackSecret(db, tenantId, row?.sealedSecret ?? null, {
    sealedSecret: await seal(keys.callbackSecrets, secret, callbackSecretBinding(tenantId)),
    sealedPreviousSecret: sealedPrevious,
    previousSecretExpiresAt: previousExpiresAt,
    updatedAt: now,
  })
  return stored ? { secret, previousExpiresAt } : { busyUntil: previousExpiresAt }
}
