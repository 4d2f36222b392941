/**
 * @module Everything an adapter call needs, assembled per request: the tenant's credentials for
 * the payment's environment (cached, decrypted), the provider's base URL (or the operator's
 * override) and a `fetch` that records every call, masked, for the provider log, plus the
 * tenant's OAuth token cache for that provider and environment.
 */
import type { Keyring } from '../crypto/keyring'
import type { PaymentRow } from '../db/repos/payments'
import { ApiError } from '../errors'
import { type ProviderCall, recordingFetch } from '../providers/call-log'
import { loadCredentials } from '../providers/credentials'
import { accessTokenCache } from '../providers/token-cache'
import type {
  Environment,
  PaymentProvider,
  PaymentReference,
  ProviderContext,
  RecurringParent,
} from '../providers/types'
import type { Services } from '../services'

/** A stored payment as adapters see it. */
export const referenceOf = (payment: PaymentRow): PaymentReference => ({
  paymentId: payment.id,
  providerPaymentId: payment.providerPaymentId,
  amountMinor: payment.amountMinor,
  currency: payment.currency,
  capturedMinor: payment.capturedMinor,
  refundedMinor: payment.refundedMinor,
  authorizeOnly: payment.authorizeOnly,
  createdAt: payment.createdAt,
  customerPhone: payment.customerPhone,
})

export const recurringParentOf = (payment: PaymentRow): RecurringParent => ({
  ...referenceOf(payment),
  recurringToken: payment.recurringToken,
  customerEmail: payment.customerEmail,
})

export interface ProviderSession {
  ctx: ProviderContext
  /** Calls made through `ctx.deps.fetch` so far, masked. */
  calls: ProviderCall[]
}

function baseUrlOf(
  services: Services,
  provider: PaymentProvider,
  environment: Environment,
  config: Record<string, string>
): string {
  const override = services.config.PROVIDER_ENDPOINTS[provider.id]?.[environment]
  if (override) return override.replace(/\/+$/, '')
  const base = provider.baseUrlFor?.(environment, config) ?? provider.baseUrls[environment]
  // Paths are relative to the gateway itself (the built-in sandbox).
  return base.startsWith('/') ? `${services.config.APP_URL}${base}` : base
}

const networkFor = (env: Env, provider: PaymentProvider): typeof fetch =>
  provider.inProcessFetch?.(env) ?? ((input, init) => fetch(input, init))

export async function openProviderSession(
  env: Env,
  services: Services,
  keyring: Keyring,
  provider: PaymentProvider,
  scope: { tenantId: string; environment: Environment }
): Promise<ProviderSession> {
  if (!provider.capabilities.environments.includes(scope.environment)) {
    throw new ApiError(
      'environment_not_supported',
      `${provider.id} does not offer the ${scope.environment} environment.`
    )
  }
  const config = provider.builtInCredentials
    ? await provider.builtInCredentials(scope.tenantId, keyring)
    : await loadCredentials(
        { db: services.db, kv: services.kv, sealingKey: keyring.providerConfig, now: services.now },
        { tenantId: scope.tenantId, provider: provider.id, environment: scope.environment }
      )
  if (!config) {
    throw new ApiError(
      'provider_not_configured',
      `Configure ${provider.id} for the ${scope.environment} environment first (POST /v1/config/tenant).`
    )
  }
  const recorder = recordingFetch(networkFor(env, provider), Object.values(config), services.now)
  const tokens = accessTokenCache(
    { kv: services.kv, sealingKey: keyring.providerConfig, now: services.now },
    {
      tenantId: scope.tenantId,
      provider: provider.id,
      environment: scope.environment,
      credentials: config,
    }
  )
  return {
    ctx: {
      deps: { fetch: recorder.fetch, now: services.now, tokens },
      config,
      environment: scope.environment,
      baseUrl: baseUrlOf(services, provider, scope.environment, config),
      notificationUrl: `${services.config.APP_URL}/v1/webhooks/${provider.id}`,
    },
    calls: recorder.calls,
  }
}
