/**
 * @module The sandbox PSP: a simulated payment provider that ships inside the gateway (the one
 * simulator that does, on purpose), so `wrangler dev` shows the whole flow with no credentials.
 * Its public surface is `/sandbox/…`; the sandbox adapter reaches its API in-process.
 */
import { Hono } from 'hono'
import { sandboxApi } from './api'
import type { PspEnv } from './context'
import { sandboxPages } from './pages'

const sandboxPsp = new Hono<PspEnv>().route('/api', sandboxApi).route('/', sandboxPages)

/** Hands a request for `…/sandbox/<path>` to the sandbox PSP, wherever its URL pointed. */
export function forwardToSandbox(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url)
  url.pathname = url.pathname.replace(/^.*?\/sandbox(?=\/)/, '')
  return Promise.resolve(sandboxPsp.fetch(new Request(url, request), env))
}

/** A `fetch` that reaches the sandbox PSP inside this Worker instead of over the network. */
export const inProcessSandboxFetch =
  (env: Env): typeof fetch =>
  (input, init) =>
    forwardToSandbox(new Request(input, init), env)
