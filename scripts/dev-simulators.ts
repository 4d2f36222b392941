/**
 * @module Every provider simulator on one local port, sending its notifications for real: what
 * `npm run dev:providers` runs beside the gateway (and the browser tests too).
 */
import { createServer } from 'node:http'
import { providerSimulators, simulatorEndpoints } from '../test/simulators/index.ts'
import { toNodeListener } from '../test/simulators/kit/node-bridge.ts'

export function serveSimulators(port: number, log: (line: string) => void = () => {}) {
  const origin = `http://127.0.0.1:${port}`
  const server = createServer(toNodeListener(providerSimulators('send', log)))
  const listening = new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  /** `PROVIDER_ENDPOINTS` for the gateway: every provider at its simulator. */
  const endpoints = JSON.stringify(simulatorEndpoints(origin))
  return { server, origin, endpoints, listening }
}
