/** @module `GET /v1/providers`: every provider the gateway speaks and the config keys it needs. */
import { z } from '@hono/zod-openapi'
import { describeConfigKeys } from '../../providers/config-schema'
import { PROVIDERS } from '../../providers/registry'
import { route } from '../access'
import { createRouter, jsonResponse } from '../openapi'

const ProviderSummary = z
  .object({
    id: z.string().openapi({ example: 'iyzico' }),
    displayName: z.string(),
    configKeys: z.array(
      z.object({ key: z.string(), required: z.boolean(), description: z.string() })
    ),
  })
  .openapi('Provider')

const list = route('public', {
  method: 'get',
  path: '/v1/providers',
  tags: ['Providers'],
  summary: 'The providers this gateway speaks, what each can do, and the credentials each needs',
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), data: z.array(ProviderSummary) }),
      'Providers.'
    ),
  },
})

const summaries = PROVIDERS.map((p) => ({
  id: p.id,
  displayName: p.displayName,
  configKeys: describeConfigKeys(p.configSchema),
  capabilities: p.capabilities,
}))

export const providerRoutes = createRouter().openapi(list, (c) =>
  c.json({ success: true as const, data: summaries }, 200)
)
