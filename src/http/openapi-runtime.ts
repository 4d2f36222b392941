/**
 * @module What the Worker runs in place of `@hono/zod-openapi` (an `alias` in wrangler.toml and in
 * the tests' Vite config): the same routing and request validation, without the OpenAPI generator.
 * The generator keeps zod-to-openapi and every part of zod (its 50 locales, JSON Schema) in the
 * bundle and runs at module load, which every new isolate paid before its first request.
 *
 * The document itself is generated ahead of time by `npm run generate` with the real library
 * (`docs/openapi.json`, copied into the static assets by `scripts/copy-assets.mjs`), and `doc31`
 * serves that copy with the deployment's own `servers`. Route definitions are the same objects in
 * both: their descriptions and examples are simply not read here.
 */
import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ZodType } from 'zod'
import { generatedAsset } from './generated-asset'

/** Where `scripts/copy-assets.mjs` puts `docs/openapi.json` among the static assets. */
const OPENAPI_DOCUMENT_ASSET = '/vendor/openapi.json'

type ValidationHook = Parameters<typeof zValidator>[2]

interface BodyContent {
  [mediaType: string]: { schema?: unknown } | undefined
}

interface RuntimeRoute {
  method: string
  path: string
  middleware?: MiddlewareHandler | MiddlewareHandler[]
  request?: {
    params?: ZodType
    query?: ZodType
    headers?: ZodType
    cookies?: ZodType
    body?: { required?: boolean; content?: BodyContent }
  }
}
// `.openapi(…)` only documents a schema; at run time it is the schema itself. An enumerable
// property, as zod copies its prototypes' enumerable methods onto every new schema. Where the real
// library has extended zod already (a test comparing the two), its method stays.
const documentable = ZodType.prototype as unknown as { openapi?: (this: ZodType) => ZodType }
documentable.openapi ??= function openapi(this: ZodType) {
  return this
}

const isJsonType = (mediaType: string) => /^application\/([a-z-.]+\+)?json/i.test(mediaType)
const isFormType = (mediaType: string) =>
  /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(mediaType)

/** Whether a request's Content-Type is one of the media types a route declares for its body. */
function acceptsContentType(contentType: string, mediaType: string): boolean {
  if (isJsonType(mediaType))
    return /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i.test(contentType)
  if (isFormType(mediaType))
    return (
      /^multipart\/form-data(;\s?boundary=[a-zA-Z0-9'"()+_,\-./:=?]+)?$/i.test(contentType) ||
      /^application\/x-www-form-urlencoded(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i.test(contentType)
    )
  return contentType.split(';')[0]!.trim().toLowerCase() === mediaType.toLowerCase()
}

async function hasBody(c: Context): Promise<boolean> {
  if (c.req.raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0
  const body = c.req.raw.clone().body
  if (!body) return false
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return false
      if (value.byteLength > 0) return true
    }
  } finally {
    reader.cancel().catch(() => {})
  }
}

/** 415 for a body of a media type the route does not declare, or of none at all. */
function mediaTypeGate(declared: string[]): MiddlewareHandler {
  return async function mediaTypeGateMiddleware(c, next) {
    const contentType = c.req.header('content-type')
    const accepted = contentType
      ? declared.some((mediaType) => acceptsContentType(contentType, mediaType))
      : !(await hasBody(c))
    if (!accepted) throw new HTTPException(415, { message: 'Unsupported Media Type' })
    await next()
  }
}

/** An optional body is validated when sent with its media type, and is `{}` otherwise. */
function optionalBody(
  target: 'json' | 'form',
  matches: (contentType: string) => boolean,
  validate: MiddlewareHandler
): MiddlewareHandler {
  return async function optionalBodyMiddleware(c, next) {
    const contentType = c.req.header('content-type')
    if (contentType && matches(contentType)) return validate(c, next)
    c.req.addValidatedData(target, {})
    await next()
  }
}

function bodyValidators(
  body: NonNullable<RuntimeRoute['request']>['body'],
  hook: ValidationHook
): MiddlewareHandler[] {
  const content = body?.content
  if (!content) return []
  const validated = Object.entries(content).flatMap(([mediaType, entry]) => {
    const schema = entry?.schema
    if (!(schema instanceof ZodType)) return []
    const target = isJsonType(mediaType) ? 'json' : isFormType(mediaType) ? 'form' : undefined
    return target ? [{ target, schema } as const] : []
  })
  if (validated.length === 0) return []
  const validators: MiddlewareHandler[] = [mediaTypeGate(Object.keys(content))]
  for (const { target, schema } of validated) {
    const validate = zValidator(target, schema, hook) as unknown as MiddlewareHandler
    validators.push(
      body?.required
        ? validate
        : optionalBody(target, target === 'json' ? isJsonType : isFormType, validate)
    )
  }
  return validators
}

/** Nothing is registered: the document was generated ahead of time. */
const noRegistry = {
  definitions: [] as unknown[],
  register: () => undefined,
  registerPath: () => undefined,
  registerWebhook: () => undefined,
  registerComponent: () => undefined,
  registerParameter: () => undefined,
}

/**
 * The library's router, as the Worker needs it. Its types are never seen by the code that uses it:
 * TypeScript checks that code against the real library, hence no type parameters here.
 */
// biome-ignore lint/suspicious/noExplicitAny: routers of any environment, schema and base path.
export class OpenAPIHono extends Hono<any, any, any> {
  readonly openAPIRegistry = noRegistry
  defaultHook?: ValidationHook
  private parentApp?: OpenAPIHono

  constructor(init?: ConstructorParameters<typeof Hono>[0] & { defaultHook?: ValidationHook }) {
    super(init)
    this.defaultHook = init?.defaultHook
  }

  /** The nearest default hook: this router's, or else of the application it is mounted in. */
  private resolveDefaultHook(): ValidationHook | undefined {
    const seen = new Set<OpenAPIHono>()
    for (let app: OpenAPIHono | undefined = this; app && !seen.has(app); app = app.parentApp) {
      if (app.defaultHook) return app.defaultHook
      seen.add(app)
    }
    return undefined
  }

  openapi = (route: RuntimeRoute, handler: MiddlewareHandler, hook?: ValidationHook) => {
    const effectiveHook: ValidationHook =
      hook ?? ((result, c) => this.resolveDefaultHook()?.(result, c))
    const { request } = route
    const validators: MiddlewareHandler[] = []
    for (const [target, schema] of [
      ['query', request?.query],
      ['param', request?.params],
      ['header', request?.headers],
      ['cookie', request?.cookies],
    ] as const) {
      if (schema) validators.push(zValidator(target, schema, effectiveHook) as MiddlewareHandler)
    }
    validators.push(...bodyValidators(request?.body, effectiveHook))
    const middleware = route.middleware ? [route.middleware].flat() : []
    const path = route.path.replaceAll(/\/{(.+?)}/g, '/:$1')
    this.on([route.method], [path], ...middleware, ...validators, handler)
    return this
  }

  /** Serves the document generated ahead of time, with the given `servers` (and `info`). */
  doc31 = (path: string, configure: (c: Context) => Record<string, unknown>) =>
    this.get(path, async (c) => {
      const file = await generatedAsset(c, OPENAPI_DOCUMENT_ASSET, 'The API description')
      const document = (await file.json()) as Record<string, unknown>
      return c.json({ ...document, ...configure(c) })
    })

  // biome-ignore lint/suspicious/noExplicitAny: routers of any environment and schema.
  override route(path: string, app: Hono<any, any, any>): any {
    super.route(path, app)
    if (app instanceof OpenAPIHono) app.parentApp ??= this
    return this
  }
}

export const createRoute = <R extends RuntimeRoute>(route: R) => route
