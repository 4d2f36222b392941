/**
 * @module The D1 schema. `npx drizzle-kit generate` turns changes here into SQL in `migrations/`;
 * `docs/storage-schema.md` describes every table. Times are Unix milliseconds; every tenant-owned
 * row carries `tenant_id`.
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: integer('created_at').notNull(),
})

export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** Lower-cased; usernames are case-insensitive. */
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ['admin', 'tenant'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_unique').on(t.username),
    // At most one admin: the first registration. Two concurrent registrations cannot both win.
    uniqueIndex('users_single_admin').on(t.role).where(sql`role = 'admin'`),
  ]
)

export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    familyId: text('family_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    tenantId: text('tenant_id').notNull(),
    /** SHA-256 of the opaque token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    familyExpiresAt: integer('family_expires_at').notNull(),
    usedAt: integer('used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('refresh_tokens_hash_unique').on(t.tokenHash),
    index('refresh_tokens_family').on(t.familyId),
  ]
)

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    mode: text('mode', { enum: ['test', 'live'] }).notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    keyHash: text('key_hash').notNull(),
    /** What the API shows: `gpk_test_AbCd…` and the last 4 characters. */
    displayPrefix: text('display_prefix').notNull(),
    last4: text('last4').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: integer('created_at').notNull(),
    revokedAt: integer('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_keys_hash_unique').on(t.keyHash),
    index('api_keys_tenant').on(t.tenantId, t.createdAt),
  ]
)

export const providerConfigs = sqliteTable(
  'provider_configs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    provider: text('provider').notNull(),
    environment: text('environment', { enum: ['test', 'production'] }).notNull(),
    /** AES-256-GCM sealed JSON of the credentials, bound to tenant, provider and environment. */
    sealedConfig: text('sealed_config').notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('provider_configs_scope').on(t.tenantId, t.provider, t.environment)]
)

export const callbackOrigins = sqliteTable(
  'callback_origins',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    origin: text('origin').notNull(),
    /** Loopback origins (`http://localhost`, `http://127.0.0.1`) serve test-environment payments only. */
    testOnly: integer('test_only', { mode: 'boolean' }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.origin] })]
)

export const signingKeys = sqliteTable(
  'signing_keys',
  {
    kid: text('kid').primaryKey(),
    /** `next` is published before it signs; `previous` still verifies until the next rotation. */
    state: text('state', { enum: ['next', 'current', 'previous'] }).notNull(),
    publicJwk: text('public_jwk').notNull(),
    /** Private JWK sealed with the signing-keys key, bound to the kid. */
    sealedPrivateJwk: text('sealed_private_jwk').notNull(),
    createdAt: integer('created_at').notNull(),
    activatedAt: integer('activated_at'),
  },
  (t) => [uniqueIndex('signing_keys_one_per_state').on(t.state)]
)
