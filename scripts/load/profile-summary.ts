/**
 * @module A CPU profile boiled down to what a reader acts on: the functions with the most self
 * time, each at its place in the sources through wrangler's source map (original name, file, line
 * and the line itself, since the bundle is minified), and the same time by source file or npm
 * package. A profile itself (tens of MB) is not kept.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { Bundle, CallFrame, CpuProfile } from './inspector.ts'

export interface HotSpot {
  name: string
  /** `src/payments/create-payment.ts:42`, `node_modules/hono/…:120`, a runtime script, or ''. */
  location: string
  /** The source line the function starts on, trimmed. */
  line?: string
  selfMs: number
  /** Of the time the isolate was busy (not idle). */
  percent: number
}

export interface ProfileSummary {
  profiledMs: number
  samples: number
  busyMs: number
  idlePercent: number
  garbageCollectorPercent: number
  functions: HotSpot[]
  files: HotSpot[]
}

/** V8's pseudo-frames: only `(idle)` is not CPU work. */
const IDLE = '(idle)'
/** Built-ins implemented in the runtime (fetch, Response, crypto…) have no script. */
const NATIVE = '(runtime built-ins)'
/**
 * drizzle-orm's published source maps point one folder too high (`../src/…` from the package
 * root), so its sources resolve to `node_modules/src/…`.
 */
const DRIZZLE_SOURCES = 'node_modules/src/'
/** How far from a frame's position its function's name token is looked for. */
const NAME_SEARCH_CHARS = 40

const round = (value: number) => Math.round(value * 10) / 10

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

type Entry = { originalSource?: string; originalLine?: number; name?: string }

/** The original name of a minified function: the map names its name token, near the frame. */
function originalName(bundle: Bundle, frame: CallFrame): string | undefined {
  const code = bundle.code[frame.lineNumber]
  if (!code || !frame.functionName) return undefined
  const from = Math.max(0, frame.columnNumber - NAME_SEARCH_CHARS)
  const around = code.slice(from, frame.columnNumber + NAME_SEARCH_CHARS)
  const token = new RegExp(`(?<![\\w$])${escapeRegExp(frame.functionName)}(?![\\w$])`, 'g')
  let nearest: number | undefined
  for (const match of around.matchAll(token)) {
    const at = from + match.index
    if (
      nearest === undefined ||
      Math.abs(at - frame.columnNumber) < Math.abs(nearest - frame.columnNumber)
    )
      nearest = at
  }
  if (nearest === undefined) return undefined
  return (bundle.map.findEntry(frame.lineNumber, nearest) as Entry).name ?? undefined
}

function sourceLine(bundle: Bundle, source: string, line: number) {
  const index = bundle.payload.sources.indexOf(source)
  const text = bundle.payload.sourcesContent?.[index]?.split('\n')[line]?.trim()
  return text && text.length > 80 ? `${text.slice(0, 77)}…` : text
}

function placeOf(frame: CallFrame, bundle: Bundle | undefined, root: string) {
  if (!frame.url) return { name: frame.functionName || '(anonymous)', location: '', owner: NATIVE }
  if (bundle && frame.scriptId === bundle.scriptId) {
    const entry = bundle.map.findEntry(frame.lineNumber, frame.columnNumber) as Entry
    if (entry.originalSource !== undefined) {
      const base = isAbsolute(bundle.payload.sourceRoot ?? '')
        ? bundle.payload.sourceRoot!
        : bundle.mapDir
      const path = resolve(base, entry.originalSource)
      // Dependencies by their path under node_modules (the snapshot links to the real folder).
      const inModules = path.lastIndexOf(`${sep}node_modules${sep}`)
      let file = inModules >= 0 ? path.slice(inModules + 1) : relative(root, path)
      if (file.startsWith(DRIZZLE_SOURCES))
        file = `node_modules/drizzle-orm/src/${file.slice(DRIZZLE_SOURCES.length)}`
      const line = (entry.originalLine ?? 0) + 1
      return {
        name: originalName(bundle, frame) ?? (frame.functionName || '(anonymous)'),
        location: `${file}:${line}`,
        line: sourceLine(bundle, entry.originalSource, line - 1),
        owner: ownerOf(file),
      }
    }
  }
  return {
    name: frame.functionName || '(anonymous)',
    location: `${frame.url}:${frame.lineNumber + 1}`,
    owner: frame.url,
  }
}

/** `node_modules/@hono/zod-openapi/dist/index.js` → `@hono/zod-openapi`; sources stay files. */
function ownerOf(file: string) {
  const at = file.lastIndexOf('node_modules/')
  if (at < 0) return file
  const parts = file.slice(at + 'node_modules/'.length).split('/')
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
}

type Tally = Omit<HotSpot, 'selfMs' | 'percent'> & { ms: number }

function ranked(tallies: Map<string, Tally>, busyMs: number, top: number): HotSpot[] {
  return [...tallies.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map(({ ms, ...spot }) => ({ ...spot, selfMs: round(ms), percent: round((100 * ms) / busyMs) }))
}

function add(tallies: Map<string, Tally>, key: string, spot: Omit<Tally, 'ms'>, ms: number) {
  const tally = tallies.get(key) ?? { ...spot, ms: 0 }
  tally.ms += ms
  tallies.set(key, tally)
}

export function summarise(
  profile: CpuProfile,
  bundle: Bundle | undefined,
  root: string,
  top = 25
): ProfileSummary {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]))
  const selfUs = new Map<number, number>()
  // A sample stands for the time until the next one.
  profile.samples.forEach((nodeId, i) => {
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + (profile.timeDeltas[i + 1] ?? 0))
  })
  const byFunction = new Map<string, Tally>()
  const byOwner = new Map<string, Tally>()
  let idleMs = 0
  let gcMs = 0
  let totalMs = 0
  for (const [nodeId, us] of selfUs) {
    const frame = frames.get(nodeId)!
    const ms = us / 1000
    totalMs += ms
    if (frame.functionName === IDLE) {
      idleMs += ms
      continue
    }
    if (frame.functionName === '(garbage collector)') gcMs += ms
    const place = placeOf(frame, bundle, root)
    add(byFunction, `${place.name}@${place.location}`, place, ms)
    // V8's pseudo-frames ((program), (garbage collector)) stand alone.
    const owner =
      frame.functionName.startsWith('(') && !frame.url ? frame.functionName : place.owner
    add(byOwner, owner, { name: owner, location: owner }, ms)
  }
  const busyMs = Math.max(totalMs - idleMs, 0.001)
  return {
    profiledMs: round((profile.endTime - profile.startTime) / 1000),
    samples: profile.samples.length,
    busyMs: round(busyMs),
    idlePercent: round((100 * idleMs) / Math.max(totalMs, 0.001)),
    garbageCollectorPercent: round((100 * gcMs) / busyMs),
    functions: ranked(byFunction, busyMs, top),
    files: ranked(byOwner, busyMs, 15),
  }
}
