/**
 * A typed client for the GoPay Edge API: openapi-fetch over the types openapi-typescript generates
 * from docs/openapi.json (`schema.d.ts`, rewritten by `npm run generate`). Paths, parameters,
 * bodies and answers are checked by the compiler; at run time it is `fetch` and nothing more.
 * Copy this folder into your project (with `openapi-fetch` installed) or import it from here.
 */
import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './schema.js'

export type { components, operations, paths } from './schema.js'

export interface GoPayEdgeClientOptions {
  /** The gateway's origin: `https://pay.example.com`, or `http://127.0.0.1:8787` under `npm run dev`. */
  baseUrl: string
  /** An API key (`gpk_test_…`, `gpk_live_…`): what your checkout server sends. */
  apiKey?: string
  /** An access token from `POST /v1/auth/login`, for the account and configuration routes. */
  accessToken?: string
  /** Sends each request; defaults to the global `fetch` (pass one for tests, proxies, retries). */
  fetch?: (request: Request) => Promise<Response>
}

export type GoPayEdgeClient = Client<paths>

export function createGoPayEdgeClient(options: GoPayEdgeClientOptions): GoPayEdgeClient {
  // Both are bearer tokens for the same header; taking one silently would hide a mistake.
  if (options.apiKey && options.accessToken) {
    throw new TypeError('createGoPayEdgeClient: pass apiKey or accessToken, not both.')
  }
  const credential = options.apiKey ?? options.accessToken
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: credential ? { Authorization: `Bearer ${credential}` } : {},
    fetch: options.fetch,
  })
}
