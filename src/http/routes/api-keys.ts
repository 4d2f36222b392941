/**
 * @module API keys for server-to-server calls (`/v1/auth/api-keys`): created by a signed-in user
 * (at most 20 active per mode, then 422 `limit_reached`), shown once, listed by prefix and last 4,
 * revoked by id.
 */

import { EXAMPLE_IDS } from '#document-only'
import { forgetApiKey, generateApiKey, hashApiKey } from '../../auth/api-keys'
import {
  insertApiKeyWithinCap,
  listApiKeys,
  MAX_ACTIVE_API_KEYS_PER_MODE,
  revokeApiKey,
} from '../../db/repos/api-keys'
import { newId } from '../../domain/ids'
import { ApiError } from '../../errors'
import { servicesOf } from '../../services'
import { route } from '../access'
import { commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'

const ApiKeySummary = z
  .object({
    id: z.string().openapi({ example: EXAMPLE_IDS.apiKey }),
    name: z.string(),
    mode: z.enum(['test', 'live']),
    displayPrefix: z.string().openapi({ example: 'gpk_test_7Hq2…' }),
    last4: z.string(),
    createdAt: z.string(),
  })
  .openapi('ApiKey')

/** The story's test key; the whole key appears in the answer that created it, and nowhere else. */
const KEY_EXAMPLE = 'gpk_test_7Hq28UzCAxQ7QC4D8qA4GUKpFxCGdf1L6SUkLw3EPFl'
const summaryExample = {
  id: EXAMPLE_IDS.apiKey,
  name: 'checkout server',
  mode: 'test' as const,
  displayPrefix: 'gpk_test_7Hq2…',
  last4: 'EPFl',
  createdAt: '2026-12-01T08:30:00.000Z',
}

type ApiKeyFields = {
  id: string
  name: string
  mode: 'test' | 'live'
  displayPrefix: string
  last4: string
  createdAt: number
}

const summary = (row: ApiKeyFields) => ({
  id: row.id,
  name: row.name,
  mode: row.mode,
  displayPrefix: row.displayPrefix,
  last4: row.last4,
  createdAt: new Date(row.createdAt).toISOString(),
})

const create = route('user', {
  method: 'post',
  path: '/v1/auth/api-keys',
  tags: ['API keys'],
  summary: 'Create an API key (the full key is in this answer only)',
  request: {
    body: jsonBody(
      z
        .object({
          name: z.string().min(1).max(100).openapi({ example: 'checkout server' }),
          mode: z.enum(['test', 'live']).default('test').openapi({
            description: '`test` keys act on test-environment configs only.',
          }),
        })
        .openapi('CreateApiKeyRequest'),
      { example: { name: 'checkout server', mode: 'test' } }
    ),
  },
  responses: {
    201: jsonResponse(
      z.object({ success: z.literal(true), key: z.string(), apiKey: ApiKeySummary }),
      'The new key. Store it now: it cannot be shown again.',
      { example: { success: true, key: KEY_EXAMPLE, apiKey: summaryExample } }
    ),
    ...commonErrors,
    422: errorResponse(
      `The tenant already has ${MAX_ACTIVE_API_KEYS_PER_MODE} active keys in this mode (\`limit_reached\`); revoke one first.`
    ),
  },
})

const list = route('user', {
  method: 'get',
  path: '/v1/auth/api-keys',
  tags: ['API keys'],
  summary: "List the tenant's active API keys",
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), data: z.array(ApiKeySummary) }),
      'Keys.',
      { example: { success: true, data: [summaryExample] } }
    ),
    ...commonErrors,
  },
})

const revoke = route('user', {
  method: 'delete',
  path: '/v1/auth/api-keys/{id}',
  tags: ['API keys'],
  summary: 'Revoke an API key',
  request: {
    params: z.object({ id: z.string().max(64).openapi({ example: EXAMPLE_IDS.apiKey }) }),
  },
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), id: z.string(), revoked: z.literal(true) }),
      'Revoked (revoking a revoked key again answers the same).',
      { example: { success: true, id: EXAMPLE_IDS.apiKey, revoked: true } }
    ),
    ...commonErrors,
    404: errorResponse('No such key in this tenant (`not_found`).'),
  },
})

const keyLimitReached = (mode: ApiKeyFields['mode']) =>
  new ApiError(
    'limit_reached',
    `A tenant may have at most ${MAX_ACTIVE_API_KEYS_PER_MODE} active ${mode} API keys; revoke one before creating another.`,
    { limit: MAX_ACTIVE_API_KEYS_PER_MODE, mode }
  )

export const apiKeyRoutes = createRouter()
  .openapi(create, async (c) => {
    const { name, mode } = c.req.valid('json')
    const { db, now } = servicesOf(c.env)
    const principal = c.get('principal')
    const { key, displayPrefix, last4 } = generateApiKey(mode)
    const row = {
      id: newId('apiKey'),
      tenantId: principal.tenantId,
      name,
      mode,
      keyHash: await hashApiKey(key),
      displayPrefix,
      last4,
      createdBy: principal.subject,
      createdAt: now(),
      revokedAt: null,
    }
    if (!(await insertApiKeyWithinCap(db, principal.tenantId, row))) throw keyLimitReached(mode)
    return c.json({ success: true as const, key, apiKey: summary(row) }, 201)
  })
  .openapi(list, async (c) => {
    const rows = await listApiKeys(servicesOf(c.env).db, c.get('principal').tenantId)
    return c.json({ success: true as const, data: rows.map(summary) }, 200)
  })
  .openapi(revoke, async (c) => {
    const { id } = c.req.valid('param')
    const { db, kv, now } = servicesOf(c.env)
    const keyHash = await revokeApiKey(db, c.get('principal').tenantId, id, now())
    if (!keyHash) throw new ApiError('not_found', 'No such API key.')
    await forgetApiKey(kv, keyHash)
    return c.json({ success: true as const, id, revoked: true as const }, 200)
  })
