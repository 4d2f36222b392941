/**
 * @module The gateway under `wrangler dev`, as `npm run dev` and `npm run dev:providers` start it:
 * local secrets, the static assets (from npm, and `docs/openapi.json`) and D1 migrations first,
 * then `APP_URL` set to the port wrangler really listens on (so redirect and callback URLs work on
 * any `--port`), and the cron fired on a short interval, because `wrangler dev` never runs
 * scheduled handlers by itself.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'

const DEFAULT_PORT = 8787
/** The cron expression in wrangler.toml; the scheduled handler runs every job on it. */
const CRON = '*/5 * * * *'

type Output = 'inherit' | 'ignore' | number

const run = (command: string, args: string[], output: Output) => {
  const result = spawnSync(command, args, { stdio: ['ignore', output, output] })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** The value of `--name value` or `--name=value` among the arguments given after `npm run dev --`. */
export function optionOf(args: readonly string[], name: string): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
    if (arg === `--${name}`) return args[i + 1]
  }
  return undefined
}

/** `--port 8912` or `--port=8912`; wrangler's default otherwise. */
export function portOf(args: readonly string[]): number {
  const value = optionOf(args, 'port')
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : DEFAULT_PORT
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

export interface GatewayOptions {
  /** Extra `--var` bindings. */
  vars?: Record<string, string>
  /** Where wrangler's output goes (a file descriptor for a log file); the terminal by default. */
  output?: Output
}

/**
 * Starts the gateway. `--persist-to DIR` among `args` keeps its local state (D1, KV, Durable
 * Objects) in DIR, migrations included. Resolves with the process and its origin.
 */
export function startGateway(args: readonly string[], options: GatewayOptions = {}) {
  const output = options.output ?? 'inherit'
  run('node', ['scripts/ensure-dev-vars.mjs'], output)
  // The static assets as the tree has them now (the API description after a pull or a generate).
  run('node', ['scripts/copy-assets.mjs'], output)
  const persistTo = optionOf(args, 'persist-to')
  run(
    'npx',
    [
      'wrangler',
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      ...(persistTo ? ['--persist-to', persistTo] : []),
    ],
    output
  )
  const port = portOf(args)
  const origin = `http://127.0.0.1:${port}`
  const varArgs = Object.entries({ APP_URL: origin, ...options.vars }).flatMap(([name, value]) => [
    '--var',
    `${name}:${value}`,
  ])
  const portArgs = optionOf(args, 'port') === undefined ? ['--port', String(port)] : []
  const gateway: ChildProcess = spawn(
    'npx',
    ['wrangler', 'dev', '--ip', '127.0.0.1', ...portArgs, '--test-scheduled', ...varArgs, ...args],
    // Its own process group, so stopping it stops wrangler and workerd under npx too.
    { stdio: ['inherit', output, output], detached: output !== 'inherit' }
  )
  const seconds = cronInterval()
  if (seconds > 0) fireCronEvery(origin, seconds)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.on(signal, () => gateway.kill(signal))
  return { gateway, origin }
}
