/**
 * @module A merchant's webhook endpoint on localhost: keeps every notification it receives, and
 * verifies each with the official Standard Webhooks library as a merchant would.
 */
import { createServer } from 'node:http'
import { Webhook } from 'standardwebhooks'
import { freePort } from '../../scripts/free-port.ts'

export interface Received {
  id: string
  type: string
  paymentId: string | undefined
}

export async function startReceiver() {
  const received: Received[] = []
  let secret = ''
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const headers = {
        'webhook-id': String(req.headers['webhook-id']),
        'webhook-timestamp': String(req.headers['webhook-timestamp']),
        'webhook-signature': String(req.headers['webhook-signature']),
      }
      try {
        const event = new Webhook(secret).verify(body, headers) as {
          type: string
          data?: { paymentId?: string }
        }
        received.push({
          id: headers['webhook-id'],
          type: event.type,
          paymentId: event.data?.paymentId,
        })
        res.writeHead(200).end()
      } catch {
        res.writeHead(400).end()
      }
    })
  })
  const port = await freePort()
  // Every interface: `localhost` may resolve to ::1 or 127.0.0.1 in the gateway.
  await new Promise<void>((resolve) => server.listen(port, resolve))
  return {
    url: `http://localhost:${port}/hooks`,
    received,
    useSecret: (value: string) => {
      secret = value
    },
    /** Waits until a notification matching `predicate` has arrived. */
    async waitFor(predicate: (r: Received) => boolean, what: string, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      while (Date.now() < deadline) {
        const found = received.find(predicate)
        if (found) return found
        await new Promise((resolve) => setTimeout(resolve, 250))
      }
      throw new Error(`No webhook ${what} within ${timeoutMs} ms; got ${JSON.stringify(received)}`)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
