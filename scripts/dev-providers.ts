/**
 * `npm run dev:providers`: every provider simulator on one local port, and the gateway under
 * `wrangler dev` with `PROVIDER_ENDPOINTS` pointing at them, so every provider's payments run on a
 * laptop with no account. The simulators send their notifications to the gateway for real.
 * Ctrl-C stops both.
 */
import { createServer } from 'node:http'
import { providerSimulators, simulatorEndpoints } from '../test/simulators/index.ts'
import { toNodeListener } from '../test/simulators/kit/node-bridge.ts'
import { startGateway } from './dev-gateway.ts'

const SIMULATORS_PORT = Number(process.env.SIMULATORS_PORT ?? 8790)
const origin = `http://127.0.0.1:${SIMULATORS_PORT}`
const log = (line: string) => console.log(`[simulators] ${line}`)

const server = createServer(toNodeListener(providerSimulators('send', log)))
server.listen(SIMULATORS_PORT, '127.0.0.1', () => {
  log(`listening on ${origin}`)
  log(`open a merchant account: curl -s -X POST ${origin}/<provider>/__sim/merchants`)
})

const { gateway } = startGateway(process.argv.slice(2), {
  PROVIDER_ENDPOINTS: JSON.stringify(simulatorEndpoints(origin)),
})
gateway.on('exit', (code) => {
  server.close()
  process.exit(code ?? 0)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close())
