/**
 * @module The two workers `npm run bench:load` compares, each under `wrangler dev` on free ports,
 * its local state (D1, KV, Durable Objects) and its output in the run's temporary directory: the
 * gateway as `npm run dev` starts it (scripts/dev-gateway.ts: migrations applied, `APP_URL` on its
 * real port, here without the cron), and the bare Hono worker of bench/bare-worker.
 *
 * Both run from a snapshot of the sources taken when the bench starts, not from the working tree:
 * `wrangler dev` rebuilds and restarts a worker whenever a file it watches changes, and an edit
 * made meanwhile (another terminal, an editor saving) would stall a run for seconds and hand the
 * next requests a cold isolate. Each worker runs in its own process group, so stopping it stops
 * npx, wrangler and workerd alike, whatever happens to the bench.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, openSync, readFileSync, symlinkSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freePort } from '../free-port.ts'

export interface DevWorker {
  name: string
  origin: string
  /** Where workerd's DevTools inspector (through wrangler's proxy) listens. */
  inspectorPort: number
  logPath: string
  child: ChildProcess
}

const STARTUP_TIMEOUT_MS = 180_000
const STOP_TIMEOUT_MS = 10_000
/** What `wrangler dev` needs of the project to build and run both workers. */
const SNAPSHOT = ['src', 'migrations', 'public', 'wrangler.toml', 'package.json', 'tsconfig.json']
const BARE_WORKER = 'bench/bare-worker'

const running = new Set<ChildProcess>()

/** Copies the project into `dir/project` (dependencies linked, not copied); its path. */
export function snapshotProject(dir: string) {
  const project = join(dir, 'project')
  const notBuildOutput = (path: string) => !path.split(sep).includes('.wrangler')
  for (const path of [...SNAPSHOT, BARE_WORKER])
    cpSync(path, join(project, path), { recursive: true, filter: notBuildOutput })
  // Local secrets, as scripts/ensure-dev-vars.mjs makes them on a fresh clone.
  cpSync(existsSync('.dev.vars') ? '.dev.vars' : '.dev.vars.example', join(project, '.dev.vars'))
  symlinkSync(resolve('node_modules'), join(project, 'node_modules'), 'dir')
  return project
}

/** `wrangler dev` in `project` on free ports, its output appended to `logPath`. */
async function startDev(name: string, project: string, logPath: string, args: string[]) {
  const [port, inspectorPort] = [await freePort(), await freePort()]
  const origin = `http://127.0.0.1:${port}`
  const output = openSync(logPath, 'a')
  const child = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      ...args.map((arg) => arg.replaceAll('{origin}', origin)),
    ],
    { cwd: project, stdio: ['ignore', output, output], detached: true }
  )
  running.add(child)
  return { name, origin, inspectorPort, logPath, child } satisfies DevWorker
}

export async function startGatewayWorker(
  project: string,
  dir: string,
  vars: Record<string, string>
) {
  const logPath = join(dir, 'gateway.log')
  const persistTo = join(dir, 'gateway-state')
  const output = openSync(logPath, 'a')
  const migrated = spawnSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo],
    { cwd: project, stdio: ['ignore', output, output] }
  )
  if (migrated.status !== 0) throw new Error(`D1 migrations failed; see ${logPath}`)
  const varArgs = Object.entries({ APP_URL: '{origin}', ...vars }).flatMap(([name, value]) => [
    '--var',
    `${name}:${value}`,
  ])
  return startDev('gateway', project, logPath, ['--persist-to', persistTo, ...varArgs])
}

export function startBareWorker(project: string, dir: string) {
  return startDev('bare worker', project, join(dir, 'bare.log'), [
    '--config',
    `${BARE_WORKER}/wrangler.toml`,
    '--persist-to',
    join(dir, 'bare-state'),
  ])
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

/** Resolves once `GET /health` answers 200; rejects when the worker exits or takes too long. */
export async function waitUntilHealthy(worker: DevWorker) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (exited(worker.child)) throw new Error(`${worker.name} exited; see ${worker.logPath}`)
    const status = await fetch(`${worker.origin}/health`)
      .then(async (res) => {
        await res.arrayBuffer()
        return res.status
      })
      .catch(() => 0)
    if (status === 200) return
    await sleep(250)
  }
  throw new Error(`${worker.name} did not answer /health in time; see ${worker.logPath}`)
}

/** Times wrangler rebuilt and restarted the worker so far (a stall, then a cold isolate). */
export const restartsOf = (worker: DevWorker) =>
  readFileSync(worker.logPath, 'utf8').split('Reloading local server').length - 1

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal)
  } catch {
    // The group is already gone.
  }
}

const groupAlive = (child: ChildProcess) => {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 0)
    return child.pid !== undefined
  } catch {
    return false
  }
}

/**
 * SIGTERM to the worker's process group (npx, wrangler, workerd), SIGKILL to whatever of it is
 * still there after a while.
 */
export async function stopWorker(worker: DevWorker) {
  const { child } = worker
  running.delete(child)
  signalGroup(child, 'SIGTERM')
  const deadline = Date.now() + STOP_TIMEOUT_MS
  while (groupAlive(child) && Date.now() < deadline) await sleep(100)
  if (groupAlive(child)) signalGroup(child, 'SIGKILL')
}

/** For `process.on('exit')`, where nothing asynchronous runs any more. */
export function killRunningWorkers() {
  for (const child of running) signalGroup(child, 'SIGKILL')
  running.clear()
}
