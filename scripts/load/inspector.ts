/**
 * @module A Chrome DevTools Protocol session with the gateway's isolate, through the inspector
 * proxy `wrangler dev --inspector-port` opens (`ws://127.0.0.1:<port>/ws`): CPU profiles
 * (`Profiler.*`) and where the bundle and its source map are (`Debugger.scriptParsed`).
 */
import { readFileSync } from 'node:fs'
import { SourceMap, type SourceMapPayload } from 'node:module'
import { fileURLToPath } from 'node:url'

export interface CallFrame {
  functionName: string
  scriptId: string
  url: string
  lineNumber: number
  columnNumber: number
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

export interface Bundle {
  /** How profiles name wrangler's bundle (their `url` is sometimes only `index.js`). */
  scriptId: string
  /** The bundle's lines, to find a minified function's name token on them. */
  code: string[]
  map: SourceMap
  payload: SourceMapPayload
  /** Directory the map's `sources` are relative to. */
  mapDir: string
}

/** Microseconds between samples; V8's default (1 ms) leaves too few for a 10 s run. */
const SAMPLING_INTERVAL_US = 200
const CONNECT_TIMEOUT_MS = 10_000
/** Time for workerd to announce the scripts it has after `Debugger.enable`. */
const SCRIPTS_SETTLE_MS = 1000

/**
 * Node's WebSocket (undici) takes headers as a non-standard option: wrangler's inspector proxy
 * refuses an upgrade that has a User-Agent but no Origin (it guards against web pages).
 */
type HeaderedWebSocket = new (url: string, init: { headers: Record<string, string> }) => WebSocket

export async function openInspector(port: number) {
  const socket = new (WebSocket as unknown as HeaderedWebSocket)(`ws://127.0.0.1:${port}/ws`, {
    headers: { Origin: 'http://localhost' },
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('inspector: no connection')),
      CONNECT_TIMEOUT_MS
    )
    socket.onopen = () => {
      clearTimeout(timer)
      resolve()
    }
    socket.onerror = () => {
      clearTimeout(timer)
      reject(new Error(`inspector at 127.0.0.1:${port} refused the connection`))
    }
  })
  let lastId = 0
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const listeners = new Map<string, (params: Record<string, unknown>) => void>()
  socket.onmessage = (event) => {
    const message = JSON.parse(String(event.data)) as {
      id?: number
      method?: string
      params?: Record<string, unknown>
      result?: unknown
      error?: { message: string }
    }
    if (message.id !== undefined) {
      const waiting = pending.get(message.id)
      pending.delete(message.id)
      if (message.error) waiting?.reject(new Error(`inspector: ${message.error.message}`))
      else waiting?.resolve(message.result)
    } else if (message.method) listeners.get(message.method)?.(message.params ?? {})
  }
  socket.onclose = () => {
    for (const waiting of pending.values())
      waiting.reject(new Error('inspector: connection closed'))
    pending.clear()
  }
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = ++lastId
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      socket.send(JSON.stringify({ id, method, params }))
    })

  return {
    /** The gateway's bundle and its source map, read now: wrangler deletes them when it stops. */
    async bundle(): Promise<Bundle | undefined> {
      const scripts: { scriptId: string; url: string; sourceMapURL?: string }[] = []
      listeners.set('Debugger.scriptParsed', (params) => {
        scripts.push(params as (typeof scripts)[number])
      })
      await send('Debugger.enable')
      await new Promise((resolve) => setTimeout(resolve, SCRIPTS_SETTLE_MS))
      await send('Debugger.disable')
      listeners.delete('Debugger.scriptParsed')
      const script = scripts.find((s) => s.url.includes('/.wrangler/tmp/') && s.sourceMapURL)
      if (!script?.sourceMapURL) return undefined
      const mapUrl = new URL(script.sourceMapURL, script.url)
      const payload = JSON.parse(readFileSync(fileURLToPath(mapUrl), 'utf8')) as SourceMapPayload
      return {
        scriptId: script.scriptId,
        code: readFileSync(fileURLToPath(script.url), 'utf8').split('\n'),
        map: new SourceMap(payload),
        payload,
        mapDir: fileURLToPath(new URL('.', mapUrl)),
      }
    },

    /** A CPU profile of the isolate while `during` runs. */
    async profile(during: () => Promise<void>): Promise<CpuProfile> {
      await send('Profiler.enable')
      await send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US })
      await send('Profiler.start')
      // Stopped whatever happens during the run, or the isolate keeps sampling.
      const ran = await during().then(
        () => undefined,
        (error: unknown) => ({ error })
      )
      const { profile } = await send<{ profile: CpuProfile }>('Profiler.stop')
      await send('Profiler.disable')
      if (ran) throw ran.error
      return profile
    },

    close: () => socket.close(),
  }
}

export type Inspector = Awaited<ReturnType<typeof openInspector>>
