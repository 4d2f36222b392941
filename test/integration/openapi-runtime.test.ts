/**
 * The Worker routes and validates with src/http/openapi-runtime.ts in place of `@hono/zod-openapi`
 * (wrangler.toml `[alias]`). Both routers get the same route definitions here and must answer
 * every request alike: parameters, queries and headers, required and optional bodies, media types,
 * route middleware, and the default hook of the router a group is mounted in. Runs in the
 * `document` test project, where the real library is importable.
 */
import * as real from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import type { ApiError } from '../../src/errors'
import * as runtime from '../../src/http/openapi-runtime'

type Router = InstanceType<typeof real.OpenAPIHono>

const Body = z.object({ amount: z.number().int().positive(), note: z.string().max(5).optional() })

const routes = [
  {
    method: 'post',
    path: '/orders/{orderId}',
    request: {
      params: z.object({ orderId: z.string().regex(/^o_\d+$/) }),
      query: z.object({ expand: z.enum(['items']).optional() }),
      headers: z.object({ 'Idempotency-Key': z.string().min(3) }),
      body: { required: true, content: { 'application/json': { schema: Body } } },
    },
    responses: { 200: { description: 'ok' } },
  },
  {
    method: 'post',
    path: '/orders/{orderId}/capture',
    request: {
      params: z.object({ orderId: z.string() }),
      body: { required: false, content: { 'application/json': { schema: Body.partial() } } },
    },
    responses: { 200: { description: 'ok' } },
  },
  {
    method: 'post',
    path: '/forms',
    request: {
      body: {
        required: true,
        content: { 'application/x-www-form-urlencoded': { schema: z.object({ a: z.string() }) } },
      },
    },
    responses: { 200: { description: 'ok' } },
  },
  {
    method: 'get',
    path: '/guarded',
    middleware: [
      async (
        c: { req: { header(name: string): string | undefined } },
        next: () => Promise<void>
      ) => {
        if (c.req.header('x-deny')) throw new Error('denied by middleware')
        await next()
      },
    ],
    request: { query: z.object({ n: z.coerce.number().max(10) }) },
    responses: { 200: { description: 'ok' } },
  },
] as const

/** A router of each kind: a group without its own hook, mounted in one whose hook refuses. */
function build(kind: typeof real | typeof runtime) {
  const Hono = kind.OpenAPIHono as unknown as typeof real.OpenAPIHono
  const group = new Hono()
  for (const route of routes) {
    const definition = (kind.createRoute as typeof real.createRoute)(
      route as unknown as Parameters<typeof real.createRoute>[0]
    )
    const targets = ['param', 'query', 'header', 'json', 'form'] as const
    group.openapi(definition, (c) => {
      const request = c.req as unknown as { valid(target: string): unknown }
      return c.json(targets.map((target) => request.valid(target)))
    })
  }
  const app: Router = new Hono({
    defaultHook: (result, c) => {
      if (!result.success) return c.json({ refused: result.error.issues.map((i) => i.path) }, 422)
    },
  })
  app.route('/', group)
  app.onError((error, c) =>
    c.json({ error: error.message }, 'status' in error ? (error.status as 400) : 500)
  )
  return app
}

const json = (body: unknown, contentType = 'application/json') => ({
  method: 'POST',
  headers: { 'content-type': contentType, 'idempotency-key': 'k-1' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

const requests: [string, string, RequestInit?][] = [
  ['valid order', '/orders/o_1?expand=items', json({ amount: 5, note: 'hi' })],
  ['bad parameter', '/orders/x', json({ amount: 5 })],
  ['bad query', '/orders/o_1?expand=all', json({ amount: 5 })],
  [
    'missing header',
    '/orders/o_1',
    { ...json({ amount: 5 }), headers: { 'content-type': 'application/json' } },
  ],
  [
    'header in capitals',
    '/orders/o_1',
    {
      ...json({ amount: 5 }),
      headers: { 'Content-Type': 'application/json', 'IDEMPOTENCY-KEY': 'abc' },
    },
  ],
  ['wrong body', '/orders/o_1', json({ amount: -1, note: 'too long' })],
  ['malformed JSON', '/orders/o_1', json('{"amount":')],
  ['JSON with charset', '/orders/o_1', json({ amount: 5 }, 'application/json; charset=utf-8')],
  ['JSON suffix type', '/orders/o_1', json({ amount: 5 }, 'application/problem+json')],
  ['text body', '/orders/o_1', json({ amount: 5 }, 'text/plain')],
  [
    'no content type, a body',
    '/orders/o_1',
    { method: 'POST', headers: { 'idempotency-key': 'k-1' }, body: '{"amount":5}' },
  ],
  [
    'no content type, no body',
    '/orders/o_1',
    { method: 'POST', headers: { 'idempotency-key': 'k-1' } },
  ],
  ['optional body sent', '/orders/o_1/capture', json({ amount: 3 })],
  ['optional body wrong', '/orders/o_1/capture', json({ amount: 'x' })],
  ['optional body absent', '/orders/o_1/capture', { method: 'POST' }],
  ['optional body as text', '/orders/o_1/capture', json('amount=3', 'text/plain')],
  ['form', '/forms', json('a=1', 'application/x-www-form-urlencoded')],
  ['form missing field', '/forms', json('b=1', 'application/x-www-form-urlencoded')],
  ['form as JSON', '/forms', json({ a: '1' })],
  ['middleware passes', '/guarded?n=3'],
  ['middleware refuses', '/guarded?n=3', { headers: { 'x-deny': '1' } }],
  ['coerced query refused', '/guarded?n=11'],
  ['unknown path', '/nowhere'],
]

describe('the runtime router', () => {
  const apps = { real: build(real), runtime: build(runtime) }

  it.each(requests)('answers %s as @hono/zod-openapi does', async (_, path, init) => {
    const answer = async (app: Router) => {
      const res = await app.request(path, init)
      return { status: res.status, body: await res.text() }
    }
    const expected = await answer(apps.real)
    expect(await answer(apps.runtime)).toEqual(expected)
  })

  it('answers 503 service_not_configured where the document is not among the assets', async () => {
    const app = new runtime.OpenAPIHono()
    app.doc31('/openapi.json', () => ({ servers: [{ url: 'https://pay.example' }] }))
    app.onError((error, c) =>
      c.json({ code: (error as ApiError).code }, (error as ApiError).status)
    )
    const res = await app.request('/openapi.json', {}, {})
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ code: 'service_not_configured' })
  })

  it('registers nothing for a document, which is generated ahead of time', () => {
    expect(apps.real.openAPIRegistry.definitions.length).toBeGreaterThan(0)
    expect(apps.runtime.openAPIRegistry.definitions).toEqual([])
  })
})
