/**
 * @module The shell every HTTP application shares: request ids, the configuration check, security
 * headers, body limits, and the one place where errors become `{ success: false, error: { … } }`
 * responses. The route modules go in by `buildApp`; `src/app.ts` puts in all of them.
 */
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, Hono, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { maskCardNumbers } from '../domain/masking'
import { type AppEnv, configOf, configProblemsOf } from '../env'
import { ApiError, type ErrorCode } from '../errors'
import { noteInternalCaller } from './internal-requests'
import { requestId } from './middleware/request-id'
import { securityHeaders } from './middleware/security-headers'

/** A module's routes, whatever their typed schema. */
// biome-ignore lint/suspicious/noExplicitAny: route modules differ in their schema type parameter.
export type RouteModule = Hono<AppEnv, any, any>

const MAX_BODY_BYTES = 64 * 1024

const HTTP_EXCEPTION_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'invalid_json',
  401: 'unauthorized',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
}

/**
 * Every route but `/health` answers 503 `config_invalid` while a var is malformed, whether or not
 * it reads that var: a half-working gateway is harder to notice. `/health` reports the problem.
 */
function requireValidConfig(): MiddlewareHandler<AppEnv> {
  return async function requireValidConfigMiddleware(c, next) {
    if (c.req.path !== '/health') configOf(c.env)
    await next()
  }
}

/** The base of error `docUrl`s; relative when APP_URL is malformed, keeping its value out. */
function docsBaseOf(env: Env): string {
  const broken = configProblemsOf(env).some((problem) => problem.var === 'APP_URL')
  return broken ? '' : (env.APP_URL ?? '')
}

function toApiError(error: unknown, c: Context<AppEnv>): ApiError {
  if (error instanceof ApiError) return error
  if (error instanceof HTTPException) {
    const code = HTTP_EXCEPTION_CODES[error.status]
    if (code)
      return new ApiError(
        code,
        code === 'invalid_json' ? 'The request body is not valid JSON.' : error.message
      )
  }
  // A bug or an infrastructure failure: log what helps, answer nothing that leaks.
  console.error(
    JSON.stringify({
      event: 'unhandled_error',
      requestId: c.get('requestId'),
      method: c.req.method,
      path: maskCardNumbers(c.req.path),
      error:
        error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error),
    })
  )
  return new ApiError(
    'internal_error',
    'Something went wrong on our side; the request id helps us find it.'
  )
}

/** A Hono application of the given route modules, in the given order, inside the shared shell. */
export function buildApp(routeModules: readonly RouteModule[]) {
  const app = new OpenAPIHono<AppEnv>()

  app.use('*', requestId())
  app.use('*', noteInternalCaller())
  app.use('*', requireValidConfig())
  app.use('*', securityHeaders())
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(
          'payload_too_large',
          `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`
        )
      },
    })
  )

  for (const routes of routeModules) app.route('/', routes)

  app.notFound((c) => {
    // The path is echoed as sent, but for a card number in it (a client that put one in a URL).
    const path = maskCardNumbers(c.req.path)
    const error = new ApiError('route_not_found', `No route for ${c.req.method} ${path}.`)
    return c.json(error.toBody(c.get('requestId'), docsBaseOf(c.env)), error.status)
  })

  app.onError((err, c) => {
    const error = toApiError(err, c)
    return c.json(error.toBody(c.get('requestId'), docsBaseOf(c.env)), error.status, error.headers)
  })

  return app
}
