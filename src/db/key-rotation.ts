/**
 * @module Finishing a rotation of `CONFIG_ENCRYPTION_KEY`. While `CONFIG_ENCRYPTION_KEY_PREVIOUS`
 * holds the old secret, everything sealed under it still opens, and the cron calls `resealBatch`:
 * every sealed column whose value does not carry the current key id is opened and sealed again,
 * each row by compare-and-set on its old value. Tenants that never rotated their callback secret
 * have it derived from the master, so their derived secret is pinned in D1 first: merchants keep
 * verifying redirects after the old secret is gone. `rotationProgress` counts what is left
 * (`GET /health`); at zero the previous secret can be deleted.
 */
import { open, seal, sealedPrefixOf } from '../crypto/aes-gcm'
import type { Keyring } from '../crypto/keyring'
import { callbackSecretBinding, callbackSecretsOf } from '../payments/callback-secrets'
import { bindingOf } from '../providers/credentials'
import { webhookSecretBinding } from '../webhooks/deliver'
import type { Db } from './client'
import { replaceCallbackSecret } from './repos/callback-secrets'

type Row = Record<string, string>

interface SealedColumn {
  table: string
  keys: readonly string[]
  column: string
  key: 'providerConfig' | 'signingKeys' | 'webhookSecrets' | 'callbackSecrets'
  binding: (row: Row) => string
}

/** Every column holding a value sealed under a key derived from the master secret. */
const SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'provider_configs',
    keys: ['tenant_id', 'provider', 'environment'],
    column: 'sealed_config',
    key: 'providerConfig',
    binding: (r) => bindingOf(r.tenant_id!, r.provider!, r.environment as 'test' | 'production'),
  },
  {
    table: 'signing_keys',
    keys: ['kid'],
    column: 'sealed_private_jwk',
    key: 'signingKeys',
    binding: (r) => `signing-key|${r.kid}`,
  },
  ...['sealed_secret', 'sealed_previous_secret'].map((column) => ({
    table: 'webhook_endpoints',
    keys: ['id'],
    column,
    key: 'webhookSecrets' as const,
    binding: (r: Row) => webhookSecretBinding(r.id!),
  })),
  ...['sealed_secret', 'sealed_previous_secret'].map((column) => ({
    table: 'callback_secrets',
    keys: ['tenant_id'],
    column,
    key: 'callbackSecrets' as const,
    binding: (r: Row) => callbackSecretBinding(r.tenant_id!),
  })),
]

const stale = (c: SealedColumn) => `${c.column} IS NOT NULL AND ${c.column} NOT LIKE ?1`
const prefixOf = (keyring: Keyring, c: SealedColumn) => `${sealedPrefixOf(keyring[c.key])}%`

export interface RotationProgress {
  /** A previous master secret is configured. */
  rotating: boolean
  /** Sealed values still under another key, and tenants whose derived callback secret is unpinned. */
  remaining: number
}

const UNPINNED_TENANTS = 'FROM tenants WHERE id NOT IN (SELECT tenant_id FROM callback_secrets)'

export async function rotationProgress(
  d1: D1Database,
  keyring: Keyring
): Promise<RotationProgress> {
  const counts = await d1.batch([
    ...SEALED_COLUMNS.map((c) =>
      d1
        .prepare(`SELECT COUNT(*) AS n FROM ${c.table} WHERE ${stale(c)}`)
        .bind(prefixOf(keyring, c))
    ),
    ...(keyring.previous ? [d1.prepare(`SELECT COUNT(*) AS n ${UNPINNED_TENANTS}`)] : []),
  ])
  const remaining = counts.reduce(
    (sum, result) => sum + Number((result.results[0] as { n: number }).n),
    0
  )
  return { rotating: keyring.previous !== undefined, remaining }
}

export interface ResealResult {
  resealed: number
  pinned: number
  /** Values neither key opens: logged by table and row, never by value. */
  unreadable: number
}

/** One bounded pass; the cron repeats it every run until `rotationProgress` says nothing is left. */
export async function resealBatch(
  d1: Db,
  raw: D1Database,
  keyring: Keyring,
  now: number,
  limit = 200
): Promise<ResealResult> {
  const result: ResealResult = { resealed: 0, pinned: 0, unreadable: 0 }
  if (keyring.previous)
    result.pinned = await pinDerivedCallbackSecrets(d1, raw, keyring, now, limit)
  for (const c of SEALED_COLUMNS) {
    const { results } = await raw
      .prepare(
        `SELECT ${c.keys.join(', ')}, ${c.column} AS sealed FROM ${c.table} WHERE ${stale(c)} LIMIT ?2`
      )
      .bind(prefixOf(keyring, c), limit)
      .all<Row & { sealed: string }>()
    for (const row of results) {
      const key = keyring[c.key]
      let plaintext: string
      try {
        plaintext = await open(key, row.sealed, c.binding(row))
      } catch {
        result.unreadable++
        const where = Object.fromEntries(c.keys.map((k) => [k, row[k]]))
        console.error(
          JSON.stringify({ event: 'reseal_unreadable', table: c.table, column: c.column, where })
        )
        continue
      }
      const resealed = await seal(key, plaintext, c.binding(row))
      const match = c.keys.map((k, i) => `${k} = ?${i + 3}`).join(' AND ')
      const update = await raw
        .prepare(`UPDATE ${c.table} SET ${c.column} = ?1 WHERE ${c.column} = ?2 AND ${match}`)
        .bind(resealed, row.sealed, ...c.keys.map((k) => row[k]))
        .run()
      result.resealed += update.meta.changes
    }
  }
  return result
}

/** Stores the callback secret of tenants that never rotated it, as the previous master derives it. */
async function pinDerivedCallbackSecrets(
  db: Db,
  raw: D1Database,
  keyring: Keyring,
  now: number,
  limit: number
): Promise<number> {
  const { results } = await raw
    .prepare(`SELECT id ${UNPINNED_TENANTS} LIMIT ?`)
    .bind(limit)
    .all<{ id: string }>()
  let pinned = 0
  for (const { id } of results) {
    const { current } = await callbackSecretsOf(db, keyring, id, now)
    const stored = await replaceCallbackSecret(db, id, null, {
      sealedSecret: await seal(keyring.callbackSecrets, current, callbackSecretBinding(id)),
      sealedPreviousSecret: null,
      previousSecretExpiresAt: null,
      updatedAt: now,
    })
    if (stored) pinned++
  }
  return pinned
}
