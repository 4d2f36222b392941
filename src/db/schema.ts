/**
 * @module The D1 schema. `npx drizzle-kit generate` turns changes here into SQL in `migrations/`;
 * `docs/storage-schema.md` describes every table. Times are Unix milliseconds; every tenant-owned
 * row carries `tenant_id`.
 */
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { PAYMENT_STATUSES } from '../domain/payment-status'
import { CHARGE_STATUSES } from '../providers/sandbox/mapping'

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
    /** The token this one was exchanged for, handed out again for a reuse within the window. */
    successorId: text('successor_id'),
    /** The successor token, sealed with a key derived from this (spent) token: never in clear. */
    sealedSuccessor: text('sealed_successor'),
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

/**
 * A tenant's rotated callback secret. Until the first rotation there is no row and the secret is
 * derived from the master key; a rotation stores a random one and keeps the one before it signing
 * alongside until `previous_secret_expires_at`.
 */
export const callbackSecrets = sqliteTable('callback_secrets', {
  tenantId: text('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  /** `cbsec_…`, sealed with the callback-secrets key, bound to the tenant. */
  sealedSecret: text('sealed_secret').notNull(),
  sealedPreviousSecret: text('sealed_previous_secret'),
  previousSecretExpiresAt: integer('previous_secret_expires_at'),
  updatedAt: integer('updated_at').notNull(),
})

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

/**
 * An order line of `payments.items`. `taxRateBp` is the tax rate in basis points (20% → 2000,
 * 8.5% → 850) of a tax-inclusive price; absent when the merchant gave none.
 */
export interface StoredItem {
  id?: string
  name: string
  category?: string
  unitPriceMinor: number
  quantity: number
  taxRateBp?: number
}

/** A payment's risk score when it was created, and what the gateway did about it (docs/risk.md). */
export interface StoredRisk {
  score: number
  /** What was done: `challenge` forced 3-D Secure, `review` held the authorization. */
  decision: 'allow' | 'challenge' | 'review'
  reasons: { code: string; points: number; message: string }[]
  rulesVersion: number
  /** A held payment is captured when approved (the merchant asked for `capture: true`). */
  captureOnApproval?: boolean
  review?: { decision: 'approve' | 'reject'; by: string; at: number }
}

export const payments = sqliteTable(
  'payments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    provider: text('provider').notNull(),
    environment: text('environment', { enum: ['test', 'production'] }).notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    /** Bumped by every state change; transitions compare-and-set on (status, version). */
    version: integer('version').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /** Created with `capture: false`: the provider authorizes only, and a capture follows. */
    authorizeOnly: integer('authorize_only', { mode: 'boolean' }).notNull().default(false),
    capturedMinor: integer('captured_minor').notNull(),
    /** Refunds that succeeded. */
    refundedMinor: integer('refunded_minor').notNull(),
    /** Refunds that succeeded or are still in flight: never above `captured_minor`. */
    refundReservedMinor: integer('refund_reserved_minor').notNull(),
    /** The provider's id for the payment (the API's `transactionId`). */
    providerPaymentId: text('provider_payment_id'),
    /** Merchant URL the shopper returns to after 3-D Secure or a hosted page (checked origin). */
    callbackUrl: text('callback_url'),
    /** Id of the single-use state token in the gateway's callback URL; set when it is spent. */
    returnTokenId: text('return_token_id'),
    returnUsedAt: integer('return_used_at'),
    redirectUrl: text('redirect_url'),
    /** Card as PCI DSS allows it to be kept: first 6 + last 4. */
    cardMasked: text('card_masked'),
    orderId: text('order_id'),
    description: text('description'),
    customerEmail: text('customer_email'),
    customerPhone: text('customer_phone'),
    declineCode: text('decline_code'),
    message: text('message'),
    idempotencyKey: text('idempotency_key'),
    /**
     * `recurring: true` payments: `requested` until the provider stores the payment method,
     * `active` once `recurring_token` holds what its later charges need, `stopped` after a stop.
     */
    recurring: text('recurring', { enum: ['requested', 'active', 'stopped'] }),
    /** The adapter's opaque handle on the stored method (never shown to merchants). */
    recurringToken: text('recurring_token'),
    /** For a recurring charge: the payment whose stored method it charged. */
    parentPaymentId: text('parent_payment_id'),
    /**
     * A capture or cancel the provider accepted but has not settled yet (Adyen's `received`):
     * the notification (or a status query) that settles it clears this with the status change.
     */
    pendingOperation: text('pending_operation', { enum: ['capture', 'cancel'] }),
    pendingOperationMinor: integer('pending_operation_minor'),
    /** Reconciliation: how often the provider was asked in vain, and when to ask next. */
    reconcileAttempts: integer('reconcile_attempts').notNull().default(0),
    nextReconcileAt: integer('next_reconcile_at'),
    /** The order lines as the request gave them, prices in minor units (tax report, issue 14). */
    items: text('items', { mode: 'json' }).$type<StoredItem[]>(),
    risk: text('risk', { mode: 'json' }).$type<StoredRisk>(),
    /** Keyed HMAC of the card number (`fp_…`), per tenant: block lists name cards by it. */
    cardFingerprint: text('card_fingerprint'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('payments_tenant_created').on(t.tenantId, t.createdAt),
    // The administrator's all-tenants analytics.
    index('payments_environment_created').on(t.environment, t.createdAt),
    index('payments_status_updated').on(t.status, t.updatedAt),
    index('payments_provider_reference').on(t.provider, t.providerPaymentId),
    // The reconciliation report: a tenant's open payments without walking all of its payments.
    index('payments_tenant_status_created').on(t.tenantId, t.status, t.createdAt),
  ]
)

export const refunds = sqliteTable(
  'refunds',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    amountMinor: integer('amount_minor').notNull(),
    status: text('status', { enum: ['processing', 'succeeded', 'failed'] }).notNull(),
    providerRefundId: text('provider_refund_id'),
    reason: text('reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('refunds_payment').on(t.tenantId, t.paymentId),
    index('refunds_status_updated').on(t.status, t.updatedAt),
    // Reports: a tenant's refunds by the day they were made.
    index('refunds_tenant_created').on(t.tenantId, t.createdAt),
  ]
)

/** The outbox: every payment change, written in the same batch as the change itself. */
export const paymentEvents = sqliteTable(
  'payment_events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    paymentId: text('payment_id').notNull(),
    type: text('type').notNull(),
    /** JSON snapshot of the payment as the merchant sees it after the change. */
    data: text('data').notNull(),
    createdAt: integer('created_at').notNull(),
    /** Set when the event has been fanned out to the tenant's webhook endpoints. */
    dispatchedAt: integer('dispatched_at'),
  },
  (t) => [
    index('payment_events_tenant_created').on(t.tenantId, t.createdAt),
    index('payment_events_payment').on(t.tenantId, t.paymentId, t.createdAt),
    index('payment_events_undispatched').on(t.dispatchedAt, t.createdAt),
  ]
)

/**
 * Pages some providers answer with instead of a URL (bank forms, 3-D Secure HTML), kept until the
 * shopper opens them once at `/v1/pay/{paymentId}` or they expire. Never card data.
 */
export const shopperPages = sqliteTable(
  'shopper_pages',
  {
    paymentId: text('payment_id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** The id inside the page's signed link; the row goes when that link is opened. */
    tokenId: text('token_id').notNull(),
    /** JSON of the provider's page: `{kind: 'html', html}` or `{kind: 'form', action, method, fields}`. */
    page: text('page').notNull(),
    /** Space-separated origins the page's forms post to: its Content-Security-Policy `form-action`. */
    formOrigins: text('form_origins').notNull(),
    expiresAt: integer('expires_at').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('shopper_pages_expires').on(t.expiresAt)]
)

/** One row per provider call, masked: card numbers as first 6 + last 4, no CVV, no credentials. */
export const providerLogs = sqliteTable(
  'provider_logs',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    provider: text('provider').notNull(),
    /** The payment's environment (`test`, `production`); null on rows written before it was kept. */
    environment: text('environment', { enum: ['test', 'production'] }),
    paymentId: text('payment_id'),
    /** The gateway request that made the call (`X-Request-Id`), or null for the cron and queue. */
    requestId: text('request_id'),
    operation: text('operation').notNull(),
    outcome: text('outcome').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    httpStatus: integer('http_status'),
    request: text('request'),
    response: text('response'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('provider_logs_tenant_created').on(t.tenantId, t.provider, t.createdAt),
    index('provider_logs_tenant_payment').on(t.tenantId, t.paymentId),
    index('provider_logs_tenant_request').on(t.tenantId, t.requestId),
    index('provider_logs_created').on(t.createdAt),
  ]
)

/** The built-in sandbox provider's own books: what a real PSP would keep on its side. */
export const sandboxCharges = sqliteTable(
  'sandbox_charges',
  {
    id: text('id').primaryKey(),
    merchantId: text('merchant_id').notNull(),
    /** The merchant's order reference; creating twice with one reference returns the first charge. */
    reference: text('reference').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    cardMasked: text('card_masked').notNull(),
    status: text('status', { enum: CHARGE_STATUSES }).notNull(),
    capture: integer('capture', { mode: 'boolean' }).notNull(),
    capturedMinor: integer('captured_minor').notNull(),
    refundedMinor: integer('refunded_minor').notNull(),
    declineCode: text('decline_code'),
    returnUrl: text('return_url'),
    /** After this, a charge can no longer be cancelled, only refunded (end of its UTC day). */
    settlesAt: integer('settles_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('sandbox_charges_reference').on(t.merchantId, t.reference)]
)

export const sandboxRefunds = sqliteTable(
  'sandbox_refunds',
  {
    id: text('id').primaryKey(),
    chargeId: text('charge_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    reference: text('reference').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('sandbox_refunds_reference').on(t.merchantId, t.reference)]
)

/** A tenant's endpoints for merchant notifications (Standard Webhooks). */
export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    url: text('url').notNull(),
    /** `test` endpoints receive events of test payments, `live` ones of production payments. */
    mode: text('mode', { enum: ['test', 'live'] }).notNull(),
    /** JSON list of event types, or null for all. */
    events: text('events'),
    description: text('description'),
    /** The `whsec_…` signing secret, sealed with the webhook-secrets key. */
    sealedSecret: text('sealed_secret').notNull(),
    /** After a rotation the old secret keeps signing alongside the new one until this time. */
    sealedPreviousSecret: text('sealed_previous_secret'),
    previousSecretExpiresAt: integer('previous_secret_expires_at'),
    status: text('status', { enum: ['enabled', 'disabled'] }).notNull(),
    disabledReason: text('disabled_reason'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('webhook_endpoints_tenant').on(t.tenantId)]
)

/** One message to one endpoint about one event; its id is the `webhook-id` of every attempt. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    endpointId: text('endpoint_id').notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    nextAttemptAt: integer('next_attempt_at'),
    deliveredAt: integer('delivered_at'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_event').on(t.endpointId, t.eventId),
    index('webhook_deliveries_tenant_created').on(t.tenantId, t.createdAt),
    index('webhook_deliveries_status_next').on(t.status, t.nextAttemptAt),
  ]
)

/** Notifications received from providers, raw, de-duplicated by the provider's event id. */
export const providerNotifications = sqliteTable(
  'provider_notifications',
  {
    id: text('id').primaryKey(),
    provider: text('provider').notNull(),
    /** The provider's event id, or a SHA-256 of the raw body when it has none. */
    dedupeKey: text('dedupe_key').notNull(),
    tenantId: text('tenant_id'),
    paymentId: text('payment_id'),
    verified: integer('verified', { mode: 'boolean' }).notNull(),
    outcome: text('outcome').notNull(),
    rawBody: text('raw_body').notNull(),
    receivedAt: integer('received_at').notNull(),
  },
  (t) => [uniqueIndex('provider_notifications_dedupe').on(t.provider, t.dedupeKey)]
)

/**
 * Passwords from public breach corpora, refused by the password policy; seeded by the migration
 * that creates the table and never written by the gateway, so the list costs the Worker's bundle
 * nothing.
 */
export const breachedPasswords = sqliteTable('breached_passwords', {
  password: text('password').primaryKey(),
})
