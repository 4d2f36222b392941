/**
 * @module A tenant's provider credentials (`/v1/config/tenant`): validated against the keys the
 * provider declares, stored encrypted, only ever shown masked.
 */

import { listProviderConfigs } from '../../db/repos/provider-configs'
import { maskSecret } from '../../domain/masking'
import { ApiError } from '../../errors'
import {
  type Credentials,
  deleteCredentials,
  openCredentials,
  saveCredentials,
  validateCredentials,
} from '../../providers/credentials'
import { ENVIRONMENTS } from '../../providers/types'
import { type Services, servicesOf } from '../../services'
import { route } from '../access'
import { commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { requireProvider } from '../providers'

const Environment = z
  .enum(ENVIRONMENTS)
  .openapi({ description: 'Which provider environment the credentials are for.', example: 'test' })

const MaskedConfig = z
  .object({
    provider: z.string().openapi({ example: 'iyzico' }),
    environment: Environment,
    configs: z.array(
      z.object({ key: z.string(), value: z.string().openapi({ example: 'sand…6Hs' }) })
    ),
    updatedAt: z.string(),
  })
  .openapi('ProviderConfig')

const SaveConfigRequest = z
  .object({
    provider: z.string().min(1).max(64).openapi({ example: 'iyzico' }),
    environment: Environment,
    configs: z
      .array(z.object({ key: z.string().min(1).max(64), value: z.string().max(8192) }))
      .max(50)
      .refine(
        (entries) => new Set(entries.map((e) => e.key)).size === entries.length,
        'keys must be unique'
      ),
  })
  .openapi('SaveProviderConfigRequest')

/** iyzico sandbox credentials as sent, and as every answer shows them: masked. */
const saveExample = {
  provider: 'iyzico',
  environment: 'test' as const,
  configs: [
    { key: 'apiKey', value: 'sandbox-q8Xz1LmN4pR7tV2wY5bC6Hs' },
    { key: 'secretKey', value: 'sandbox-K3jH9gF2dS5aP8oI1uY4tR0e' },
  ],
}
const maskedExample = {
  provider: 'iyzico',
  environment: 'test' as const,
  configs: [
    { key: 'apiKey', value: 'sand…6Hs' },
    { key: 'secretKey', value: 'sand…R0e' },
  ],
  updatedAt: '2026-12-01T08:40:00.000Z',
}

function masked(
  row: { provider: string; environment: 'test' | 'production'; updatedAt: number },
  credentials: Credentials
) {
  return {
    provider: row.provider,
    environment: row.environment,
    configs: Object.entries(credentials).map(([key, value]) => ({ key, value: maskSecret(value) })),
    updatedAt: new Date(row.updatedAt).toISOString(),
  }
}

async function credentialDeps(services: Services) {
  const keyring = await services.keyring()
  return { db: services.db, kv: services.kv, sealingKey: keyring.providerConfig, now: services.now }
}

const save = route('user', {
  method: 'post',
  path: '/v1/config/tenant',
  tags: ['Provider configuration'],
  summary: "Set the tenant's credentials for a provider and environment (replaces earlier ones)",
  request: { body: jsonBody(SaveConfigRequest, { example: saveExample }) },
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), config: MaskedConfig }),
      'Saved; values masked.',
      { example: { success: true, config: maskedExample } }
    ),
    ...commonErrors,
    404: errorResponse(
      'Unknown provider (`provider_not_found`); `details.knownProviders` lists them.'
    ),
    422: errorResponse('A required key is missing, a key is unknown or a value is invalid.'),
  },
})

const get = route('user', {
  method: 'get',
  path: '/v1/config/tenant',
  tags: ['Provider configuration'],
  summary: "The tenant's configured providers, values masked",
  request: {
    query: z.object({
      provider: z.string().min(1).max(64).optional().openapi({ example: 'iyzico' }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), data: z.array(MaskedConfig) }),
      'Configs.',
      { example: { success: true, data: [maskedExample] } }
    ),
    ...commonErrors,
    404: errorResponse(
      'Unknown provider, or none configured for it (`provider_not_found`, `not_found`).'
    ),
  },
})

const remove = route('user', {
  method: 'delete',
  path: '/v1/config/tenant',
  tags: ['Provider configuration'],
  summary: "Delete the tenant's credentials for a provider (one environment, or both)",
  request: {
    query: z.object({
      provider: z.string().min(1).max(64).openapi({ example: 'iyzico' }),
      environment: Environment.optional(),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), provider: z.string(), deleted: z.array(Environment) }),
      'Deleted.',
      { example: { success: true, provider: 'iyzico', deleted: ['test'] } }
    ),
    ...commonErrors,
    404: errorResponse('Unknown provider, or nothing configured to delete.'),
  },
})

export const providerConfigRoutes = createRouter()
  .openapi(save, async (c) => {
    const body = c.req.valid('json')
    const provider = requireProvider(body.provider)
    const result = validateCredentials(provider.configSchema, body.configs)
    if (!result.ok) {
      const { missing, unknown, invalid } = result
      const [code, message] = missing.length
        ? ([
            'missing_config_key',
            `Missing config key(s) for ${provider.id}: ${missing.join(', ')}.`,
          ] as const)
        : unknown.length
          ? ([
              'unknown_config_key',
              `Unknown config key(s) for ${provider.id}: ${unknown.join(', ')}.`,
            ] as const)
          : ([
              'invalid_config_value',
              `Invalid value for: ${invalid.map((i) => i.key).join(', ')}.`,
            ] as const)
      throw new ApiError(code, message, { missing, unknown, invalid })
    }
    const services = servicesOf(c.env)
    const scope = {
      tenantId: c.get('principal').tenantId,
      provider: provider.id,
      environment: body.environment,
    }
    const row = await saveCredentials(await credentialDeps(services), scope, result.credentials)
    return c.json({ success: true as const, config: masked(row, result.credentials) }, 200)
  })
  .openapi(get, async (c) => {
    const { provider: providerId } = c.req.valid('query')
    if (providerId !== undefined) requireProvider(providerId)
    const services = servicesOf(c.env)
    const { sealingKey } = await credentialDeps(services)
    const rows = await listProviderConfigs(services.db, c.get('principal').tenantId, providerId)
    if (providerId !== undefined && rows.length === 0) {
      throw new ApiError('not_found', `No ${providerId} configuration in this tenant.`)
    }
    const data = await Promise.all(
      rows.map(async (row) => masked(row, await openCredentials(sealingKey, row)))
    )
    return c.json({ success: true as const, data }, 200)
  })
  .openapi(remove, async (c) => {
    const { provider: providerId, environment } = c.req.valid('query')
    const provider = requireProvider(providerId)
    const services = servicesOf(c.env)
    const deleted = await deleteCredentials(await credentialDeps(services), {
      tenantId: c.get('principal').tenantId,
      provider: provider.id,
      environment,
    })
    if (deleted.length === 0)
      throw new ApiError('not_found', `No ${provider.id} configuration to delete.`)
    return c.json({ success: true as const, provider: provider.id, deleted }, 200)
  })
