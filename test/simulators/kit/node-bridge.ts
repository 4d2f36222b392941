/**
 * @module A fetch-style handler served to Node's `http` (the dev server, vitest's outbound
 * service). A simulator's `dropConnection()` answer becomes a cut socket, so the gateway sees a
 * real network error after the provider did the work.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { isDroppedConnection } from './types.ts'

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  options: { knownHosts?: (host: string) => boolean } = {}
) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? 'localhost'
    if (options.knownHosts && !options.knownHosts(host)) {
      // Not a simulator: behave like an unreachable host.
      res.socket?.destroy()
      return
    }
    const body = await bodyOf(req)
    const headers = new Headers()
    for (const [key, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(key, value)
      else if (Array.isArray(value)) for (const v of value) headers.append(key, v)
    }
    const request = new Request(`http://${host}${req.url ?? '/'}`, {
      method: req.method,
      headers,
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body),
    })
    let response: Response
    try {
      response = await handler(request)
    } catch (error) {
      response = new Response(`simulator error: ${String(error)}`, { status: 500 })
    }
    if (isDroppedConnection(response)) {
      res.socket?.destroy()
      return
    }
    const payload = Buffer.from(await response.arrayBuffer())
    const outHeaders: Record<string, string> = {}
    response.headers.forEach((value, key) => {
      outHeaders[key] = value
    })
    res.writeHead(response.status, outHeaders)
    res.end(payload)
  }
}
