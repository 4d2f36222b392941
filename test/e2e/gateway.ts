/**
 * @module The gateway as a developer runs it under `npm run dev:providers` (`wrangler dev` with
 * every provider's simulator beside it, through the same start-up), on free ports with its own
 * throwaway local state, its output in a log file.
 */
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startGateway } from '../../scripts/dev-gateway.ts'
import { serveSimulators } from '../../scripts/dev-simulators.ts'
import { freePort } from '../../scripts/free-port.ts'

export const OUTPUT_DIR = join(import.meta.dirname, 'output')
const START_TIMEOUT_MS = 120_000

async function waitUntilHealthy(origin: string, log: string) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline) {
    const health = await fetch(`${origin}/health`).catch(() => null)
    if (health?.ok) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  throw new Error(`The gateway did not answer /health at ${origin}; see ${log}`)
}

export async function startTestGateway() {
  mkdirSync(OUTPUT_DIR, { recursive: true })
  const state = mkdtempSync(join(tmpdir(), 'gopay-e2e-'))
  const log = join(OUTPUT_DIR, 'gateway.log')
  const simulators = serveSimulators(await freePort())
  await simulators.listening
  const port = await freePort()
  const { gateway, origin } = startGateway(['--port', String(port), '--persist-to', state], {
    output: openSync(log, 'w'),
    vars: { PROVIDER_ENDPOINTS: simulators.endpoints },
  })
  const stop = () => {
    simulators.server.close()
    // wrangler and workerd run under npx in the gateway's own process group.
    if (gateway.exitCode === null && gateway.pid) process.kill(-gateway.pid, 'SIGTERM')
    rmSync(state, { recursive: true, force: true })
  }
  try {
    await waitUntilHealthy(origin, log)
  } catch (error) {
    stop()
    throw error
  }
  return { origin, simulators: simulators.origin, stop }
}
