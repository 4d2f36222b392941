/**
 * Canary scanning: distinctive values planted on the way in (credentials, passwords, card numbers)
 * are looked for everywhere the gateway keeps or says something: every D1 row, every KV entry,
 * every Durable Object's storage, the console, every answer of the Worker and what it queues. A
 * value is looked for as written, URL- and JSON-escaped, in hex, and in base64 at each of the three
 * byte offsets it can start at inside a longer encoded string (an `Authorization` header, a
 * base64 page).
 */
import { listDurableObjectIds, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { vi } from 'vitest'
import { fromUtf8, toBase64, toHex, utf8 } from '../../src/crypto/encoding'
import worker from '../../src/index'

/** One thing the gateway stored or said, as text. */
export interface Place {
  where: string
  text: string
}

export interface Canary {
  label: string
  value: string
}

export interface Sighting {
  canary: string
  encoding: string
  where: string
  /** A few characters either side, to find the leak's source. */
  context: string
}

/** Base64 of `bytes` as it appears when they start `offset` bytes into a longer string. */
function base64Inside(bytes: Uint8Array, offset: number): string {
  const shifted = new Uint8Array(offset + bytes.length)
  shifted.set(bytes, offset)
  const encoded = toBase64(shifted)
  // Only characters made of the value's bits alone: 6 bits each, after `offset` foreign bytes.
  return encoded.slice(Math.ceil((offset * 8) / 6), Math.floor((shifted.length * 8) / 6))
}

/** The forms a value may take on its way into storage, a log or an answer. */
export function encodingsOf(value: string): { encoding: string; needle: string }[] {
  const bytes = utf8(value)
  const forms: [string, string][] = [
    ['clear', value],
    ['JSON-escaped', JSON.stringify(value).slice(1, -1)],
    ['URL-encoded', encodeURIComponent(value)],
    ['form-encoded', new URLSearchParams({ v: value }).toString().slice(2)],
    ['hex', toHex(bytes)],
    ['HEX', toHex(bytes).toUpperCase()],
  ]
  for (const offset of [0, 1, 2]) {
    const base64 = base64Inside(bytes, offset)
    forms.push([`base64@${offset}`, base64])
    forms.push([`base64url@${offset}`, base64.replace(/\+/g, '-').replace(/\//g, '_')])
  }
  const seen = new Set<string>()
  return forms
    .filter(([, needle]) => needle.length >= 6 && !seen.has(needle) && seen.add(needle))
    .map(([encoding, needle]) => ({ encoding, needle }))
}

/** Every sighting of every canary, in any of its encodings, in any place. */
export function sightings(places: readonly Place[], canaries: readonly Canary[]): Sighting[] {
  const found: Sighting[] = []
  for (const canary of canaries) {
    const forms = encodingsOf(canary.value)
    for (const place of places) {
      for (const { encoding, needle } of forms) {
        const at = place.text.indexOf(needle)
        if (at < 0) continue
        found.push({
          canary: canary.label,
          encoding,
          where: place.where,
          context: place.text.slice(Math.max(0, at - 60), at + needle.length + 60),
        })
        break
      }
    }
  }
  return found
}

/** A security code in a field named like one: `"cvc":"987"`, `cvv=987`, `[cvc]%5D=987`. */
const SECURITY_CODE_PAIR =
  /(?:cvv2?|cvc2?|cv2|cvn|security_?code|card_?code)["'\]]?(?:%5[dD]|%22|[\s"'\]:=]){1,8}\d{3,4}(?!\d)/i

export function securityCodePairs(places: readonly Place[]): Sighting[] {
  return places.flatMap((place) => {
    const match = SECURITY_CODE_PAIR.exec(place.text)
    return match
      ? [{ canary: 'CVV pair', encoding: 'clear', where: place.where, context: match[0] }]
      : []
  })
}

/** Text of any value D1, KV or a Durable Object hands back; bytes as both UTF-8 and hex. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes =
      value instanceof ArrayBuffer
        ? new Uint8Array(value)
        : new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    return `${fromUtf8(bytes)} ${toHex(bytes)}`
  }
  if (Array.isArray(value)) return value.map(textOf).join(' ')
  if (typeof value === 'object') return Object.values(value).map(textOf).join(' ')
  return String(value)
}

const USER_TABLES =
  "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'"

/** Every row of every D1 table, one place per row. */
export async function d1Rows(): Promise<Place[]> {
  const tables = await env.DB.prepare(USER_TABLES).all<{ name: string }>()
  const places: Place[] = []
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all()
    rows.results.forEach((row, i) => {
      places.push({ where: `D1 ${name}[${i}]`, text: textOf(row) })
    })
  }
  return places
}

/** Every KV key with its value and metadata. */
export async function kvEntries(): Promise<Place[]> {
  const places: Place[] = []
  let cursor: string | undefined
  do {
    const page: KVNamespaceListResult<unknown> = await env.KV.list({ cursor })
    for (const key of page.keys) {
      const value = await env.KV.get(key.name, 'arrayBuffer')
      places.push({
        where: `KV ${key.name}`,
        text: `${key.name} ${textOf(key.metadata)} ${textOf(value)}`,
      })
    }
    cursor = page.list_complete ? undefined : page.cursor
  } while (cursor)
  return places
}

/** Every row of every SQL table and every key of every TenantGuard Durable Object. */
export async function durableObjectRows(): Promise<Place[]> {
  const places: Place[] = []
  for (const id of await listDurableObjectIds(env.TENANT_GUARD)) {
    const stub = env.TENANT_GUARD.get(id)
    await runInDurableObject(stub, async (_instance, state) => {
      const sql = state.storage.sql
      for (const { name } of sql.exec<{ name: string }>(USER_TABLES).toArray()) {
        sql
          .exec(`SELECT * FROM "${name}"`)
          .toArray()
          .forEach((row, i) => {
            places.push({
              where: `DO ${id.toString().slice(0, 8)} ${name}[${i}]`,
              text: textOf(row),
            })
          })
      }
      for (const [key, value] of await state.storage.list()) {
        places.push({ where: `DO ${id.toString().slice(0, 8)} key ${key}`, text: textOf(value) })
      }
    })
  }
  return places
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const

/**
 * Listens to the console, which the Worker shares with the tests (one isolate); everything is
 * still printed.
 */
export function captureConsole() {
  const spies = CONSOLE_METHODS.map((method) => ({ method, spy: vi.spyOn(console, method) }))
  return {
    lines: (): Place[] =>
      spies.flatMap(({ method, spy }) =>
        spy.mock.calls.map((args) => ({
          where: `console.${method}`,
          text: args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
        }))
      ),
    restore: () => {
      for (const { spy } of spies) spy.mockRestore()
    },
  }
}

export interface Exchange {
  method: string
  path: string
  status: number
  /** Status line, headers and body of the answer. */
  place: Place
}

/**
 * Records every answer of the Worker's fetch handler (`exports.default.fetch` looks the handler up
 * on each call, so the helpers that call the gateway are all heard), run with `bindings`.
 */
export function recordGateway(bindings: Env) {
  const pending: Promise<Exchange>[] = []
  const original = worker.fetch
  const spy = vi.spyOn(worker, 'fetch').mockImplementation(async (request, _env, ctx) => {
    const response = await original(request, bindings, ctx)
    const url = new URL(request.url)
    const copy = response.clone()
    pending.push(
      copy.text().then((body) => {
        const headers = [...copy.headers].map(([name, value]) => `${name}: ${value}`).join('\n')
        const where = `${request.method} ${url.pathname} → ${copy.status}`
        return {
          method: request.method,
          path: url.pathname,
          status: copy.status,
          place: { where, text: `${copy.status}\n${headers}\n\n${body}` },
        }
      })
    )
    return response
  })
  return {
    exchanges: () => Promise.all(pending),
    restore: () => spy.mockRestore(),
  }
}
