/**
 * @module The results of `npm run bench:load`: `bench/results/load.json` (every number),
 * `bench/results/load.md` (the table, also printed) and, with `LOAD_PROFILE=1`,
 * `bench/results/load-profile.md`. Derived here: each scenario's throughput against the bare
 * worker's at 8 connections, and the gateway's overhead, its p50 less the time its provider calls
 * spend at the simulators.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, release, totalmem } from 'node:os'
import type { RunResult } from './measure.ts'
import type { ProfileSummary } from './profile-summary.ts'
import type { Scenario } from './scenarios.ts'

export const RESULTS_DIR = 'bench/results'

export interface MeasuredRun extends RunResult {
  /** Requests the run could send at most (a pool's size), when single-use. */
  poolSize: number | null
  /** Times wrangler rebuilt the worker during the run (0 unless its snapshot changed). */
  workerRestarts: number
}

export interface RunReport extends MeasuredRun {
  /** req/s against the bare worker's at the same connection count. */
  ratioToBare: number | null
  /** p50 less provider calls × the simulators' delay; for scenarios that call a provider. */
  overheadMs: number | null
}

export interface ScenarioReport extends Omit<Scenario, 'prepare'> {
  runs: RunReport[]
}

export interface LoadReport {
  measuredAt: string
  machine: ReturnType<typeof machine>
  settings: {
    durationS: number
    connections: readonly number[]
    warmupRequests: number
    providerDelayMs: number
    vars: Record<string, string>
    notes: string[]
  }
  scenarios: ScenarioReport[]
}

const versionOf = (pkg: string) => {
  try {
    const file = `node_modules/${pkg}/package.json`
    return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
  } catch {
    return 'unknown'
  }
}

export function machine(loadAverageAtStart: number[]) {
  const round2 = (n: number) => Math.round(n * 100) / 100
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${process.platform} ${release()}`,
    node: process.version,
    wrangler: versionOf('wrangler'),
    workerd: versionOf('workerd'),
    loadAverageAtStart: loadAverageAtStart.map(round2),
    loadAverageAtEnd: loadavg().map(round2),
  }
}

const round = (value: number) => Math.round(value * 10) / 10

/** Ratios to the bare worker, and the overhead over the provider calls' fixed time. */
export function derive(
  scenario: Scenario,
  runs: MeasuredRun[],
  bare: RunResult[],
  delayMs: number
): ScenarioReport {
  const { prepare: _prepare, ...described } = scenario
  return {
    ...described,
    runs: runs.map((run) => {
      const floor = bare.find((b) => b.connections === run.connections)
      return {
        ...run,
        ratioToBare: floor ? Math.round((100 * run.rps) / floor.rps) / 100 : null,
        overheadMs:
          scenario.providerCalls > 0
            ? round(run.latencyMs.p50 - scenario.providerCalls * delayMs)
            : null,
      }
    }),
  }
}

const cell = (value: number | null | undefined, suffix = '') =>
  value === null || value === undefined || Number.isNaN(value) ? '—' : `${value}${suffix}`

/** The title, and the expected status when it is not a 2xx (it counts among the non-2xx). */
const titleOf = (scenario: ScenarioReport) =>
  scenario.expected.every((status) => status < 300)
    ? `**${scenario.title}**`
    : `**${scenario.title}** (${scenario.expected.join('/')} expected)`

export function markdown(report: LoadReport): string {
  const { machine: m, settings: s } = report
  const rows = report.scenarios.flatMap((scenario) =>
    scenario.runs.map((run) =>
      [
        run === scenario.runs[0] ? titleOf(scenario) : '',
        run.connections,
        run.rps,
        run.latencyMs.p50,
        run.latencyMs.p95,
        run.latencyMs.p99,
        run.non2xx,
        run.unexpected,
        run.errors,
        // Throughput is compared at the most connections; one connection measures latency.
        run.connections === Math.max(...s.connections) ? cell(run.ratioToBare, '×') : '',
        `${run.providerCallsPerRequest} (${scenario.providerCalls})`,
        cell(run.overheadMs),
        run.loadAverage,
      ].join(' | ')
    )
  )
  const notes = report.scenarios.map((scenario) => {
    const pools = scenario.runs
      .filter((r) => r.poolSize !== null)
      .map((r) => `${r.poolSize} at ${r.connections} (ran ${r.durationS} s)`)
    const pool = pools.length ? ` Pools: ${pools.join(', ')}.` : ''
    const answers = scenario.runs
      .map((r) => `${r.connections}: ${JSON.stringify(r.statusCodes)}`)
      .join('; ')
    return `- **${scenario.title}**: ${scenario.note} Expected ${scenario.expected.join('/')}; answers by connections ${answers}.${pool}`
  })
  return [
    '# Load benchmark (`npm run bench:load`)',
    '',
    `Measured ${report.measuredAt} on ${m.cpus} CPUs (${m.cpuModel}, ${m.memoryGiB} GiB, ${m.os}),`,
    `Node ${m.node}, wrangler ${m.wrangler} (workerd ${m.workerd}). 1-minute load average ${m.loadAverageAtStart[0]} at the start,`,
    `${m.loadAverageAtEnd[0]} at the end: other work shares these CPUs, so read the numbers as rough.`,
    '',
    `Each run: ${s.durationS} s (or until its pool of single-use requests is spent) after ${s.warmupRequests}`,
    'warm-up requests, by autocannon from 127.0.0.1 over keep-alive connections, against `wrangler dev`',
    `(local mode). The provider simulators answer ${s.providerDelayMs} ms after a request arrives;`,
    `overhead = p50 − provider calls × ${s.providerDelayMs} ms (at 8 connections the isolate is`,
    'saturated, so it includes queueing). Provider calls/req: measured at the simulators (by design',
    'in parentheses). × bare: req/s over the bare worker’s at 8 connections. load: the machine’s',
    '1-minute load average as the run started.',
    '',
    ...s.notes.map((note) => `- ${note}`),
    '',
    '| scenario | conns | req/s | p50 ms | p95 ms | p99 ms | non-2xx | unexpected | errors | × bare | provider calls/req | overhead ms | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row} |`),
    '',
    ...notes,
    '',
  ].join('\n')
}

/** A source line in a table cell: no pipes, no backticks to break it. */
const code = (line: string | undefined) =>
  line ? `\`${line.replaceAll('`', "'").replaceAll('|', '\\|')}\`` : ''

export interface ProfileReport {
  scenario: Scenario
  run: RunResult
  summary: ProfileSummary
}

export function profileMarkdown(measuredAt: string, profiles: ProfileReport[], failure?: string) {
  const sections = profiles.map(({ scenario, run, summary }) =>
    [
      `## ${scenario.title}`,
      '',
      `${run.connections} connections, ${run.rps} req/s while profiled (p50 ${run.latencyMs.p50} ms);`,
      `${summary.samples} samples over ${summary.profiledMs} ms, the isolate busy ${summary.busyMs} ms`,
      `(idle ${summary.idlePercent} %), garbage collection ${summary.garbageCollectorPercent} % of the busy time:`,
      `about ${Math.round((10 * summary.busyMs) / Math.max(run.requests, 1)) / 10} ms of isolate time per request (the Durable Objects run in the same isolate under \`wrangler dev\`).`,
      '',
      '| # | self ms | % busy | function | source | line |',
      '| --- | --- | --- | --- | --- | --- |',
      ...summary.functions.map(
        (f, i) =>
          `| ${i + 1} | ${f.selfMs} | ${f.percent} | \`${f.name}\` | ${f.location || 'native'} | ${code(f.line)} |`
      ),
      '',
      'Self time by source file or package:',
      '',
      '| self ms | % busy | file or package |',
      '| --- | --- | --- |',
      ...summary.files.map((f) => `| ${f.selfMs} | ${f.percent} | ${f.location} |`),
      '',
    ].join('\n')
  )
  return [
    '# Gateway CPU profiles under load (`LOAD_PROFILE=1 npm run bench:load`)',
    '',
    `Measured ${measuredAt}. Sampled through workerd's inspector (\`wrangler dev --inspector-port\`,`,
    'Chrome DevTools Protocol `Profiler.*`) during separate runs, not the ones in `load.md`: profiling',
    'slows the isolate. Frames are mapped to the sources through wrangler’s source map. Self time is',
    'time in the function itself; “% busy” is of the time the isolate was not idle.',
    '',
    ...(failure ? [`Profiling failed: ${failure}`, ''] : []),
    ...sections,
  ].join('\n')
}

export function writeResults(report: LoadReport, profile?: string) {
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(`${RESULTS_DIR}/load.json`, `${JSON.stringify(report, null, 2)}\n`)
  const table = markdown(report)
  writeFileSync(`${RESULTS_DIR}/load.md`, table)
  if (profile !== undefined) writeFileSync(`${RESULTS_DIR}/load-profile.md`, profile)
  return table
}
