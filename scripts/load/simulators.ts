/**
 * @module The provider simulators for `npm run bench:load`: every simulator on one free local
 * port, each answer held until a fixed delay after its request arrived, so every provider call
 * costs the gateway the same known time and the rest of a request's latency is the gateway's own.
 * Calls are counted, so a scenario's provider calls per request are measured, not assumed.
 * Notifications are held in each merchant's outbox (`hold` mode) instead of being sent: they
 * would load the gateway in the middle of other scenarios, and the webhook scenario replays them.
 * The bench's own visits (the shopper's bank pages, the control endpoints) carry
 * `BENCH_CLIENT_HEADER` and are neither delayed nor counted.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { providerSimulators, simulatorEndpoints } from '../../test/simulators/index.ts'
import { toNodeListener } from '../../test/simulators/kit/node-bridge.ts'

export const BENCH_CLIENT_HEADER = 'x-bench-client'

type Handler = (request: Request) => Promise<Response>

/** Answers no earlier than `delayMs` after the request arrived; `onCall` sees each provider call. */
export function withDelay(handler: Handler, delayMs: number, onCall: () => void): Handler {
  return async function delayedSimulator(request) {
    if (request.headers.has(BENCH_CLIENT_HEADER)) return handler(request)
    const arrivedAt = performance.now()
    onCall()
    const response = await handler(request)
    const leftMs = delayMs - (performance.now() - arrivedAt)
    if (leftMs > 0) await sleep(leftMs)
    return response
  }
}

export async function serveDelayedSimulators(delayMs: number) {
  let calls = 0
  const handler = withDelay(providerSimulators('hold'), delayMs, () => {
    calls++
  })
  const server = createServer(toNodeListener(handler))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    /** `PROVIDER_ENDPOINTS` for the gateway: every provider at its simulator. */
    endpoints: JSON.stringify(simulatorEndpoints(origin)),
    /** Provider calls answered so far. */
    calls: () => calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        // The gateway keeps connections alive; they would hold `close` open.
        server.closeAllConnections()
      }),
  }
}

export type Simulators = Awaited<ReturnType<typeof serveDelayedSimulators>>
