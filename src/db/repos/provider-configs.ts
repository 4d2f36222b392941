/** @module A tenant's sealed provider credentials, one row per (tenant, provider, environment). */
import { and, eq } from 'drizzle-orm'
import type { Environment } from '../../providers/types'
import type { Db } from '../client'
import { providerConfigs } from '../schema'

export type ProviderConfigRow = typeof providerConfigs.$inferSelect

export const findProviderConfig = (
  db: Db,
  tenantId: string,
  provider: string,
  environment: Environment
) =>
  db
    .select()
    .from(providerConfigs)
    .where(
      and(
        eq(providerConfigs.tenantId, tenantId),
        eq(providerConfigs.provider, provider),
        eq(providerConfigs.environment, environment)
      )
    )
    .get()

export const listProviderConfigs = (db: Db, tenantId: string, provider?: string) =>
  db
    .select()
    .from(providerConfigs)
    .where(
      and(
        eq(providerConfigs.tenantId, tenantId),
        provider === undefined ? undefined : eq(providerConfigs.provider, provider)
      )
    )
    .orderBy(providerConfigs.provider, providerConfigs.environment)
    .all()

/** Inserts or replaces the row; returns the stored row. */
export async function upsertProviderConfig(
  db: Db,
  row: ProviderConfigRow
): Promise<ProviderConfigRow> {
  const [stored] = await db
    .insert(providerConfigs)
    .values(row)
    .onConflictDoUpdate({
      target: [providerConfigs.tenantId, providerConfigs.provider, providerConfigs.environment],
      set: { sealedConfig: row.sealedConfig, updatedAt: row.updatedAt },
    })
    .returning()
  return stored!
}

export const deleteProviderConfigs = (
  db: Db,
  tenantId: string,
  provider: string,
  environment?: Environment
) =>
  db
    .delete(providerConfigs)
    .where(
      and(
        eq(providerConfigs.tenantId, tenantId),
        eq(providerConfigs.provider, provider),
        environment === undefined ? undefined : eq(providerConfigs.environment, environment)
      )
    )
    .returning({ environment: providerConfigs.environment })
