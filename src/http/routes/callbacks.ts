/**
 * @module `GET|POST /v1/callback/{provider}?state=…`: where providers send the shopper back after
 * 3-D Secure or a hosted page. A valid, unexpired, unused state completes the payment and answers
 * 303 to the merchant's stored callback URL; anything else gets a 400 page and no redirect.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../../env'
import { completeReturn } from '../../payments/complete-return'
import { servicesOf } from '../../services'
import { declareAccess } from '../access'
import * as z from '../openapi-zod'
import { refusalPage } from '../refusal-page'

const PATH = '/v1/callback/:provider'

/**
 * The state of the story's 3-D Secure payment: base64url claims (tenant, payment, provider, token
 * id, expiry), a dot, and their HMAC.
 */
const STATE_EXAMPLE =
  'eyJ0ZW5hbnRJZCI6InRlbl8wMU04TlRYRE0wUUFaTkFHV0tONENaODZTMiIsInBheW1lbnRJZCI6InBheV8wMU05ODA4WTQwSFZLMldOWThXWENTSDNKTiIsInByb3ZpZGVyIjoic2FuZGJveCIsInRva2VuSWQiOiJydGtfMDFNOTgwOFk0MEFHNzFNUlZHRjRORERTU1YiLCJleHBpcmVzQXQiOjE3OTY2NDA2MDAwMDB9.VE_XMmF-usmrFM4GMKh-NK5sZfnOjHN_6XOlt9EoTYk'

/** Query and (for POST) form or JSON fields, as strings; the query wins on a clash. */
async function paramsOf(request: Request): Promise<Record<string, string>> {
  const params: Record<string, string> = {}
  if (request.method === 'POST') {
    const type = request.headers.get('Content-Type') ?? ''
    const body: Record<string, unknown> = type.includes('application/json')
      ? await request.json<Record<string, unknown>>().catch(() => ({}))
      : Object.fromEntries((await request.formData().catch(() => new FormData())).entries())
    for (const [key, value] of Object.entries(body ?? {}))
      if (typeof value === 'string') params[key] = value
  }
  for (const [key, value] of new URL(request.url).searchParams) params[key] = value
  return params
}

export const callbackRoutes = new OpenAPIHono<AppEnv>()

for (const method of ['get', 'post'] as const) {
  declareAccess(method, PATH, 'public')
  callbackRoutes.openAPIRegistry.registerPath({
    method,
    path: '/v1/callback/{provider}',
    operationId: method === 'get' ? 'returnFromProvider' : 'returnFromProviderByPost',
    tags: ['Callbacks'],
    summary: 'Return from 3-D Secure or a hosted page (called by browsers and providers)',
    request: {
      params: z.object({ provider: z.string().openapi({ example: 'sandbox' }) }),
      query: z.object({ state: z.string().openapi({ example: STATE_EXAMPLE }) }),
    },
    responses: {
      303: {
        description:
          "To the merchant's callbackUrl with success, paymentId, status, timestamp and signature.",
      },
      400: { description: 'An HTML page: the state is missing, forged, expired or already used.' },
    },
    'x-access': 'public',
  })
}

callbackRoutes.on(['GET', 'POST'], PATH, async (c) => {
  const { state, ...params } = await paramsOf(c.req.raw)
  const services = servicesOf(c.env)
  const result = await completeReturn(c.env, services, await services.keyring(), {
    providerId: c.req.param('provider'),
    state,
    params,
  })
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  if (result.kind === 'refused') return c.html(refusalPage(result.reason), 400)
  return c.redirect(result.location, 303)
})
