/**
 * @module `npm run bench:load`: the gateway under load, against a bare Hono worker, in one run.
 * Both run under `wrangler dev` on free ports with their state in a temporary directory; the
 * provider simulators answer after a fixed delay, so the gateway's own share of each request shows.
 * Each scenario runs at 1 connection (latency) and 8 (throughput) for `LOAD_DURATION` seconds
 * (10 by default); the table goes to the console and to `bench/results/load.{json,md}`.
 * `LOAD_PROFILE=1` also profiles the gateway's isolate during a sandbox create, a status read and an
 * iyzico 3-D Secure start (`bench/results/load-profile.md`). Not part of `npm test`: the numbers
 * depend on the machine.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { heldNotifications, paidPayments } from './load/fixtures.ts'
import { openInspector } from './load/inspector.ts'
import { type RunResult, run } from './load/measure.ts'
import { summarise } from './load/profile-summary.ts'
import {
  derive,
  type LoadReport,
  type MeasuredRun,
  machine,
  type ProfileReport,
  profileMarkdown,
  type ScenarioReport,
  writeResults,
} from './load/report.ts'
import { type Prepared, type Scenario, scenarios } from './load/scenarios.ts'
import { type Simulators, serveDelayedSimulators } from './load/simulators.ts'
import { seedTenant } from './load/tenant.ts'
import {
  type DevWorker,
  killRunningWorkers,
  restartsOf,
  snapshotProject,
  startBareWorker,
  startGatewayWorker,
  stopWorker,
  waitUntilHealthy,
} from './load/workers.ts'

const DURATION_S = Number(process.env.LOAD_DURATION ?? 10)
const PROFILE = process.env.LOAD_PROFILE === '1'
/** `LOAD_KEEP=1` keeps the temporary directory (the workers' logs and state) after a good run. */
const KEEP = process.env.LOAD_KEEP === '1'
const PROVIDER_DELAY_MS = 20
const CONNECTIONS = [1, 8] as const
/** Sent before a scenario's first run and not counted: the isolate's JIT warms to the route. */
const WARMUP_REQUESTS = 20
/** Until a 3-D Secure start has been measured, the rate pools are sized for. */
const DEFAULT_RATE = 50
const STATUS_PAYMENTS = 50
const WEBHOOK_PAYMENTS = 100
const PROFILED = ['sandbox-create', 'status', '3ds-start']

/**
 * Per-tenant limits (per minute, and the burst on top) far above what the bench sends: at the
 * defaults (50 payments a minute) nearly every answer would be a 429 and the table would measure
 * the rate limiter. Login's per-IP limit too, for the access token renewed during long runs.
 */
const BENCH_VARS = {
  TENANT_GLOBAL_RATE_LIMIT: '1000000',
  TENANT_PAYMENT_RATE_LIMIT: '1000000',
  TENANT_REFUND_RATE_LIMIT: '1000000',
  TENANT_STATUS_RATE_LIMIT: '1000000',
  TENANT_RATE_LIMIT_BURST: '1000000',
  AUTH_IP_RATE_LIMIT: '1000',
}

const log = (line: string) => console.error(`[bench:load] ${line}`)

interface Setup {
  simulators: Simulators
  gateway: DevWorker
  bare: DevWorker
  /** The snapshot of the sources both workers run from. */
  project: string
}

async function measureScenario(setup: Setup, scenario: Scenario, rates: Map<number, number>) {
  const worker = scenario.target === 'bare' ? setup.bare : setup.gateway
  const runs: MeasuredRun[] = []
  for (const connections of CONNECTIONS) {
    const extra = runs.length === 0 ? WARMUP_REQUESTS : 0
    const rate = rates.get(connections) ?? DEFAULT_RATE
    const startedAt = Date.now()
    const prepared: Prepared = await scenario.prepare({ connections, rate, extra })
    const poolSize = prepared.left ? prepared.left() - extra : null
    if (poolSize !== null)
      log(`  ${poolSize} single-use requests made in ${(Date.now() - startedAt) / 1000} s`)
    const options = {
      url: worker.origin,
      requests: prepared.requests,
      expected: scenario.expected,
      providerCalls: setup.simulators.calls,
    }
    if (extra > 0) await run({ ...options, connections: 1, durationS: 60, amount: extra })
    const restartsBefore = restartsOf(worker)
    const result = await run({
      ...options,
      connections,
      durationS: DURATION_S,
      amount: prepared.left?.(),
    })
    const workerRestarts = restartsOf(worker) - restartsBefore
    runs.push({ ...result, poolSize, workerRestarts })
    if (workerRestarts > 0)
      log(`  WARNING: wrangler restarted the ${worker.name} during this run: not representative`)
    log(
      `  ${connections} conn: ${result.rps} req/s, p50 ${result.latencyMs.p50} ms, p99 ` +
        `${result.latencyMs.p99} ms, answers ${JSON.stringify(result.statusCodes)}, ` +
        `errors ${result.errors}, provider calls/req ${result.providerCallsPerRequest}`
    )
    if (result.unexpected > result.requests / 100)
      log(`  WARNING: ${result.unexpected} unexpected answers (expected ${scenario.expected})`)
  }
  return runs
}

async function profileScenarios(setup: Setup, list: Scenario[], rates: Map<number, number>) {
  const profiles: ProfileReport[] = []
  const inspector = await openInspector(setup.gateway.inspectorPort)
  try {
    const bundle = await inspector.bundle()
    if (!bundle) log('no source map found for the bundle: frames keep bundle positions')
    const connections = Math.max(...CONNECTIONS)
    for (const scenario of list.filter((s) => PROFILED.includes(s.id))) {
      log(`profiling ${scenario.title} at ${connections} connections`)
      const prepared = await scenario.prepare({
        connections,
        rate: rates.get(connections) ?? DEFAULT_RATE,
        extra: 0,
      })
      let result: RunResult | undefined
      const profile = await inspector.profile(async () => {
        result = await run({
          url: setup.gateway.origin,
          requests: prepared.requests,
          expected: scenario.expected,
          providerCalls: setup.simulators.calls,
          connections,
          durationS: DURATION_S,
          amount: prepared.left?.(),
        })
      })
      if (!result) throw new Error(`no run while profiling ${scenario.title}`)
      profiles.push({ scenario, run: result, summary: summarise(profile, bundle, setup.project) })
    }
  } finally {
    inspector.close()
  }
  return profiles
}

async function main() {
  const loadAverageAtStart = loadavg()
  const dir = mkdtempSync(join(tmpdir(), 'gopay-bench-load-'))
  const simulators = await serveDelayedSimulators(PROVIDER_DELAY_MS)
  const started: DevWorker[] = []
  let succeeded = false
  const interrupted = () => {
    killRunningWorkers()
    rmSync(dir, { recursive: true, force: true })
    process.exit(130)
  }
  process.on('SIGINT', interrupted)
  process.on('SIGTERM', interrupted)
  process.on('exit', killRunningWorkers)
  try {
    log(`state and logs in ${dir}; simulators at ${simulators.origin}`)
    log(`rate limits raised for the bench: ${JSON.stringify(BENCH_VARS)}`)
    const project = snapshotProject(dir)
    const gateway = await startGatewayWorker(project, dir, {
      PROVIDER_ENDPOINTS: simulators.endpoints,
      ...BENCH_VARS,
    })
    started.push(gateway)
    const bare = await startBareWorker(project, dir)
    started.push(bare)
    await Promise.all([waitUntilHealthy(gateway), waitUntilHealthy(bare)])
    log(`gateway at ${gateway.origin}, bare worker at ${bare.origin}`)
    const setup = { simulators, gateway, bare, project }

    const tenant = await seedTenant(gateway.origin, simulators)
    const statusIds = await paidPayments(tenant, 'sandbox', STATUS_PAYMENTS)
    const webhookIds = await paidPayments(tenant, 'iyzico', WEBHOOK_PAYMENTS)
    const notifications = await heldNotifications(tenant, simulators, webhookIds)
    if (notifications.length !== webhookIds.length)
      throw new Error(
        `${notifications.length} notifications held for ${webhookIds.length} payments`
      )
    log(
      `tenant seeded: iyzico merchant ${tenant.iyzicoMerchant}, ${statusIds.length} + ${webhookIds.length} payments`
    )

    const list = scenarios({ tenant, durationS: DURATION_S, statusIds, notifications })
    /** req/s of the 3-D Secure start by connections: pools of one-call requests are sized by it. */
    const rates = new Map<number, number>()
    const measured = new Map<string, MeasuredRun[]>()
    for (const scenario of list) {
      log(`${scenario.title}`)
      const runs = await measureScenario(setup, scenario, rates)
      measured.set(scenario.id, runs)
      if (scenario.id === '3ds-start') for (const r of runs) rates.set(r.connections, r.rps)
    }

    let profile: string | undefined
    if (PROFILE) {
      const at = new Date().toISOString()
      try {
        profile = profileMarkdown(at, await profileScenarios(setup, list, rates))
      } catch (error) {
        log(`profiling failed: ${String(error)}`)
        profile = profileMarkdown(at, [], String(error))
      }
    }

    const bareRuns = measured.get('bare-health')!
    const reports: ScenarioReport[] = list.map((scenario) =>
      derive(scenario, measured.get(scenario.id)!, bareRuns, PROVIDER_DELAY_MS)
    )
    const report: LoadReport = {
      measuredAt: new Date().toISOString(),
      machine: machine(loadAverageAtStart),
      settings: {
        durationS: DURATION_S,
        connections: CONNECTIONS,
        warmupRequests: WARMUP_REQUESTS,
        providerDelayMs: PROVIDER_DELAY_MS,
        vars: BENCH_VARS,
        notes: [
          `Rate limits raised for the bench (vars): ${Object.entries(BENCH_VARS)
            .map(([name, value]) => `${name}=${value}`)
            .join(', ')}, so 429s do not dominate.`,
          'Risk rules at their defaults; every payment comes from its own shopper (email and card), ' +
            'so the velocity rules do not hold or block the bench’s payments.',
          'Simulators in `hold` mode: provider notifications are kept, not sent, so none lands in ' +
            'the middle of another scenario; the dev cron is off (`DEV_CRON_SECONDS=0`).',
          'Every payment change is queued (webhook fan-out; the sandbox PSP’s own notifications), ' +
            'and the local queue consumer runs in the gateway’s isolate, as do its Durable ' +
            'Objects: their work during a scenario is part of its numbers.',
          'The simulators and autocannon share one Node process; the gateway, the bare worker and ' +
            'the bench share the machine’s CPUs.',
        ],
      },
      scenarios: reports,
    }
    console.log(writeResults(report, profile))
    if (profile !== undefined) log('profile summary in bench/results/load-profile.md')
    succeeded = true
  } finally {
    for (const worker of started) await stopWorker(worker)
    await simulators.close()
    if (succeeded && !KEEP) rmSync(dir, { recursive: true, force: true })
    else if (succeeded) log(`kept ${dir}`)
    else
      for (const worker of started) {
        const tail = readFileSync(worker.logPath, 'utf8').split('\n').slice(-30).join('\n')
        log(`${worker.name} log (${worker.logPath}), last lines:\n${tail}`)
      }
  }
}

await main()
