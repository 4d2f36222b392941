/**
 * @module A tenant's provider credentials: validated against the provider's declared keys, sealed
 * with AES-256-GCM bound to tenant + provider + environment, and read back through an isolate cache
 * and KV (both hold the sealed form) before D1, so a warm payment reads no D1 row for them.
 */
import { open, seal } from '../crypto/aes-gcm'
import type { Db } from '../db/client'
import { readThrough } from '../db/read-through'
import {
  deleteProviderConfigs,
  findProviderConfig,
  type ProviderConfigRow,
  upsertProviderConfig,
} from '../db/repos/provider-configs'
import { newId } from '../domain/ids'
import { describeConfigKeys, type ProviderConfigSchema } from './config-schema'
import { ENVIRONMENTS, type Environment } from './types'

export type Credentials = Record<string, string>

export interface CredentialDeps {
  db: Db
  kv: KVNamespace
  sealingKey: CryptoKey
  now: () => number
}

export interface ConfigProblems {
  missing: string[]
  unknown: string[]
  invalid: { key: string; message: string }[]
}

/** Turns `[{key, value}]` into the provider's credential object, or lists what is wrong. */
export function validateCredentials(
  schema: ProviderConfigSchema,
  entries: { key: string; value: string }[]
): { ok: true; credentials: Credentials } | ({ ok: false } & ConfigProblems) {
  const declared = schema.shape
  const given = Object.fromEntries(entries.map((e) => [e.key, e.value]))
  const unknown = Object.keys(given).filter((key) => !Object.hasOwn(declared, key))
  const missing = describeConfigKeys(schema)
    .filter(({ key, required }) => required && !Object.hasOwn(given, key))
    .map(({ key }) => key)
  const invalid: ConfigProblems['invalid'] = []
  for (const [key, value] of Object.entries(given)) {
    // `given` may name `constructor` or `__proto__`; only the schema's own keys are fields.
    const field = Object.hasOwn(declared, key) ? declared[key] : undefined
    const result = field?.safeParse(value)
    if (result && !result.success)
      invalid.push({ key, message: result.error.issues[0]?.message ?? 'invalid' })
  }
  if (unknown.length || missing.length || invalid.length)
    return { ok: false, missing, unknown, invalid }
  return { ok: true, credentials: given }
}

export const bindingOf = (tenantId: string, provider: string, environment: Environment) =>
  `provider-config|${tenantId}|${provider}|${environment}`

const kvKeyOf = (tenantId: string, provider: string, environment: Environment) =>
  `cfg:${tenantId}:${provider}:${environment}`

const KV_TTL_SECONDS = 3600
const KV_CACHE_TTL_SECONDS = 60
const ISOLATE_CACHE_MS = 60_000

const isolateCache = new Map<string, { sealed: string | null; loadedAt: number }>()

async function forgetCached(kv: KVNamespace, kvKey: string) {
  isolateCache.delete(kvKey)
  await kv.delete(kvKey)
}

export const openCredentials = async (
  sealingKey: CryptoKey,
  row: Pick<ProviderConfigRow, 'tenantId' | 'provider' | 'environment' | 'sealedConfig'>
): Promise<Credentials> =>
  JSON.parse(
    await open(sealingKey, row.sealedConfig, bindingOf(row.tenantId, row.provider, row.environment))
  ) as Credentials

export async function saveCredentials(
  deps: CredentialDeps,
  scope: { tenantId: string; provider: string; environment: Environment },
  credentials: Credentials
): Promise<ProviderConfigRow> {
  const { tenantId, provider, environment } = scope
  const now = deps.now()
  const sealedConfig = await seal(
    deps.sealingKey,
    JSON.stringify(credentials),
    bindingOf(tenantId, provider, environment)
  )
  const row = await upsertProviderConfig(deps.db, {
    id: newId('providerConfig', now),
    tenantId,
    provider,
    environment,
    sealedConfig,
    createdAt: now,
    updatedAt: now,
  })
  await forgetCached(deps.kv, kvKeyOf(tenantId, provider, environment))
  return row
}

/** The decrypted credentials, or undefined when the tenant has not configured this provider. */
export async function loadCredentials(
  deps: CredentialDeps,
  scope: { tenantId: string; provider: string; environment: Environment }
): Promise<Credentials | undefined> {
  const { tenantId, provider, environment } = scope
  const kvKey = kvKeyOf(tenantId, provider, environment)
  const cached = isolateCache.get(kvKey)
  let sealed = cached && deps.now() - cached.loadedAt < ISOLATE_CACHE_MS ? cached.sealed : undefined
  if (sealed === undefined) {
    sealed = await readThrough(
      deps.kv,
      kvKey,
      async () =>
        (await findProviderConfig(deps.db, tenantId, provider, environment))?.sealedConfig ?? null,
      { expirationTtl: KV_TTL_SECONDS, cacheTtl: KV_CACHE_TTL_SECONDS }
    )
    isolateCache.set(kvKey, { sealed, loadedAt: deps.now() })
  }
  if (sealed === null) return undefined
  return openCredentials(deps.sealingKey, { tenantId, provider, environment, sealedConfig: sealed })
}

export async function deleteCredentials(
  deps: CredentialDeps,
  scope: { tenantId: string; provider: string; environment?: Environment }
): Promise<Environment[]> {
  const deleted = await deleteProviderConfigs(
    deps.db,
    scope.tenantId,
    scope.provider,
    scope.environment
  )
  // Every environment asked for, deleted now or not: a retry after a failed purge purges again.
  for (const environment of scope.environment ? [scope.environment] : ENVIRONMENTS)
    await forgetCached(deps.kv, kvKeyOf(scope.tenantId, scope.provider, environment))
  return deleted.map((d) => d.environment)
}
