/**
 * @module The gateway under `wrangler dev`, as `npm run dev` and `npm run dev:providers` start it:
 * local secrets and D1 migrations first, then `APP_URL` set to the port wrangler really listens
 * on (so redirect and callback URLs work on any `--port`), and the cron fired on a short interval,
 * because `wrangler dev` never runs scheduled handlers by itself.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'

const DEFAULT_PORT = 8787
/** The cron expression in wrangler.toml; the scheduled handler runs every job on it. */
const CRON = '*/5 * * * *'

const run = (command: string, args: string[]) => {
  const result = spawnSync(command, args, { stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** `--port 8912` or `--port=8912` among the arguments given after `npm run dev --`. */
export function portOf(args: readonly string[]): number {
  for (const [i, arg] of args.entries()) {
    const value = arg.startsWith('--port=') ? arg.slice(7) : arg === '--port' ? args[i + 1] : null
    if (value != null && /^\d+$/.test(value)) return Number(value)
  }
  return DEFAULT_PORT
}

/** Seconds between local cron runs: `DEV_CRON_SECONDS` (0 turns it off), 60 by default. */
const cronInterval = () => {
  const seconds = Number(process.env.DEV_CRON_SECONDS ?? 60)
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0
}

function fireCronEvery(origin: string, seconds: number) {
  const url = `${origin}/__scheduled?cron=${encodeURIComponent(CRON)}`
  const timer = setInterval(async () => {
    // The gateway may still be starting or reloading: the next tick tries again.
    await fetch(url).catch(() => undefined)
  }, seconds * 1000)
  timer.unref()
  console.log(`[dev] the cron runs every ${seconds} s (DEV_CRON_SECONDS); by hand: curl "${url}"`)
}

/** Starts the gateway; `vars` are extra `--var` bindings. Resolves with the process and its origin. */
export function startGateway(args: readonly string[], vars: Record<string, string> = {}) {
  run('node', ['scripts/ensure-dev-vars.mjs'])
  run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'])
  const port = portOf(args)
  const origin = `http://127.0.0.1:${port}`
  const varArgs = Object.entries({ APP_URL: origin, ...vars }).flatMap(([name, value]) => [
    '--var',
    `${name}:${value}`,
  ])
  const portArgs = args.some((arg) => arg.startsWith('--port')) ? [] : ['--port', String(port)]
  const gateway: ChildProcess = spawn(
    'npx',
    ['wrangler', 'dev', '--ip', '127.0.0.1', ...portArgs, '--test-scheduled', ...varArgs, ...args],
    { stdio: 'inherit' }
  )
  const seconds = cronInterval()
  if (seconds > 0) fireCronEvery(origin, seconds)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => gateway.kill(signal))
  return { gateway, origin }
}
