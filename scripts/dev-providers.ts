/**
 * `npm run dev:providers`: every provider simulator on one local port, and the gateway under
 * `wrangler dev` with `PROVIDER_ENDPOINTS` pointing at them, so every provider's payments run on a
 * laptop with no account. The simulators send their notifications to the gateway for real.
 * Ctrl-C stops both.
 */
import { startGateway } from './dev-gateway.ts'
import { serveSimulators } from './dev-simulators.ts'

const SIMULATORS_PORT = Number(process.env.SIMULATORS_PORT ?? 8790)
const log = (line: string) => console.log(`[simulators] ${line}`)

const { server, origin, endpoints, listening } = serveSimulators(SIMULATORS_PORT, log)
void listening.then(() => {
  log(`listening on ${origin}`)
  log(`open a merchant account: curl -s -X POST ${origin}/<provider>/__sim/merchants`)
})

const { gateway } = startGateway(process.argv.slice(2), { vars: { PROVIDER_ENDPOINTS: endpoints } })
gateway.on('exit', (code) => {
  server.close()
  process.exit(code ?? 0)
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close())
