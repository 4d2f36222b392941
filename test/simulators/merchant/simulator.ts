/**
 * @module A merchant's webhook receiver, for tests of what the gateway sends merchants: every
 * request to `/merchant/hooks/<name>` is kept and answered with the status in `?status=` (200 by
 * default) and, with `?location=`, that Location (a receiver that redirects elsewhere);
 * `GET /merchant/__sim/received?merchant=<name>` takes what arrived there so far. It checks
 * nothing: the tests verify signatures themselves, as a merchant would.
 */
import type { SimulatorFactory } from '../kit/types.ts'

interface Received {
  url: string
  headers: Record<string, string>
  body: string
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

export const merchantReceiver: SimulatorFactory = () => {
  const received = new Map<string, Received[]>()
  return {
    id: 'merchant',
    async createMerchant() {
      return { merchant: crypto.randomUUID(), configs: {} }
    },
    async handle(request, { path }) {
      const url = new URL(request.url)
      if (path === '/__sim/received' && request.method === 'GET') {
        const name = url.searchParams.get('merchant') ?? ''
        const taken = received.get(name) ?? []
        received.delete(name)
        return json({ received: taken })
      }
      const name = path.match(/^\/hooks\/([\w-]+)$/)?.[1]
      if (!name || request.method !== 'POST') return json({ error: 'not found' }, 404)
      const list = received.get(name) ?? []
      const headers: Record<string, string> = {}
      request.headers.forEach((value, key) => {
        headers[key] = value
      })
      list.push({ url: request.url, headers, body: await request.text() })
      received.set(name, list)
      const status = Number(url.searchParams.get('status') ?? 200)
      const location = url.searchParams.get('location')
      return new Response(status === 204 ? null : 'ok', {
        status,
        headers: location ? { Location: location } : undefined,
      })
    },
  }
}
