/** @module `GET /v1/providers`: every provider the gateway speaks and the config keys it needs. */

import { describeConfigKeys } from '../../providers/config-schema'
import { PROVIDERS } from '../../providers/registry'
import { ENVIRONMENTS } from '../../providers/types'
import { route } from '../access'
import { createRouter, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'

const ProviderSummary = z
  .object({
    id: z.string().openapi({ example: 'iyzico' }),
    displayName: z.string(),
    experimental: z.boolean().openapi({
      description:
        'True when the provider publishes no authoritative protocol reference for what the adapter relies on; see its page in docs/providers/.',
    }),
    configKeys: z.array(
      z.object({ key: z.string(), required: z.boolean(), description: z.string() })
    ),
    capabilities: z
      .object({
        card: z.boolean().openapi({ description: 'Direct card payments (cardInfo).' }),
        threeDS: z.boolean().openapi({ description: '3-D Secure for card payments (use3D).' }),
        hosted: z
          .boolean()
          .openapi({ description: 'Payments without cardInfo: a hosted page or a wallet.' }),
        capture: z
          .boolean()
          .openapi({ description: 'Authorize only (capture: false), then capture.' }),
        partialCapture: z.boolean(),
        cancel: z.boolean().openapi({ description: 'Void before settlement (DELETE).' }),
        refund: z.boolean(),
        partialRefund: z.boolean(),
        recurring: z.boolean().openapi({
          description: 'recurring: true, then charges without the shopper (…/recurrence).',
        }),
        webhooks: z.boolean().openapi({ description: 'The provider notifies /v1/webhooks/{id}.' }),
        environments: z.array(z.enum(ENVIRONMENTS)),
      })
      .openapi('ProviderCapabilities'),
  })
  .openapi('Provider')

const summaries = PROVIDERS.map((p) => ({
  id: p.id,
  displayName: p.displayName,
  experimental: p.experimental ?? false,
  configKeys: describeConfigKeys(p.configSchema),
  capabilities: { ...p.capabilities, environments: [...p.capabilities.environments] },
}))

/** Two of the real entries: the built-in sandbox, and a provider that needs credentials. */
const EXAMPLE_PROVIDERS = ['sandbox', 'iyzico']

const list = route('public', {
  method: 'get',
  path: '/v1/providers',
  tags: ['Providers'],
  summary: 'The providers this gateway speaks, what each can do, and the credentials each needs',
  responses: {
    200: jsonResponse(
      z.object({ success: z.literal(true), data: z.array(ProviderSummary) }),
      'Providers.',
      {
        example: {
          success: true,
          data: summaries.filter((p) => EXAMPLE_PROVIDERS.includes(p.id)),
        },
      }
    ),
  },
})

export const providerRoutes = createRouter().openapi(list, (c) =>
  c.json({ success: true as const, data: summaries }, 200)
)
