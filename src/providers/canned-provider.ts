/**
 * @module For adapters' unit tests only: a `ProviderContext` whose `fetch` answers with canned
 * provider responses (the first route that answers wins) and records every request exactly as it
 * was sent, with an in-memory token cache. Providers with an OAuth endpoint put its route first.
 */
import type { AccessTokenCache, ProviderContext } from './types'

export interface SentRequest {
  method: string
  /** The URL after the base URL. */
  path: string
  headers: Record<string, string>
  body: string
}

export type Answer = { status: number; body?: unknown } | 'network_error'
export type Route = (request: SentRequest) => Answer | undefined

export const json = (status: number, body: unknown): Answer => ({ status, body })

export function memoryTokens(): AccessTokenCache & { held: Map<string, string> } {
  const held = new Map<string, string>()
  return {
    held,
    get: async (scope) => held.get(scope),
    put: async (scope, token) => {
      held.set(scope, token)
    },
    drop: async (scope) => {
      held.delete(scope)
    },
  }
}

export function cannedProvider(options: {
  baseUrl: string
  notificationUrl: string
  config: Record<string, string>
  routes: Route[]
}) {
  const sent: SentRequest[] = []
  const tokens = memoryTokens()
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init)
    const entry: SentRequest = {
      method: request.method,
      path: request.url.slice(options.baseUrl.length),
      headers: Object.fromEntries(request.headers),
      body: new TextDecoder().decode(await request.arrayBuffer()),
    }
    sent.push(entry)
    for (const route of options.routes) {
      const answer = route(entry)
      if (answer === 'network_error') throw new TypeError('network error')
      if (answer) {
        const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
        return new Response(answer.body === undefined ? null : text, {
          status: answer.status,
          headers: { 'Content-Type': 'application/json' },
        })
      }
    }
    return new Response('no route', { status: 599 })
  }
  const ctx: ProviderContext = {
    deps: { fetch, now: () => 1_800_000_000_000, tokens },
    config: options.config,
    environment: 'test',
    baseUrl: options.baseUrl,
    notificationUrl: options.notificationUrl,
  }
  return { ctx, sent, tokens }
}
