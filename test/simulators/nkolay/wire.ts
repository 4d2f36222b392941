/**
 * @module Paynkolay's wire habits in the simulator: form posts in, JSON out (`RESPONSE_CODE` 2 or
 * 0, 9 for a refused hash, the list wrapped in `{"id":"","result":…,"error":null}` and, for a
 * `clientRefCode` query, sent as a JSON string, as the sandbox does), `hashDatav2` = base64 of the
 * raw SHA-512 of `|`-joined fields with the secret last (paynkolay/paynkolay-api-spec `openapi.yaml`),
 * amounts as "6.00", dates in Turkey's time (UTC+3).
 */
import { createHash, timingSafeEqual } from 'node:crypto'

export async function readForm(request: Request): Promise<URLSearchParams> {
  const form = new URLSearchParams()
  const data = await request.formData().catch(() => new FormData())
  data.forEach((value, key) => {
    if (typeof value === 'string') form.append(key, value)
  })
  return form
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })

export const wrapped = (result: unknown) => ({ id: '', result, error: null })

export const failure = (code: string, message: string) =>
  json({ RESPONSE_CODE: '0', RESPONSE_DATA: message, ERROR_CODE: code, ERROR_MESSAGE: message })

/** The captured sandbox answer to a wrong hash: `result` is itself a JSON string. */
export const hashError = () =>
  json({
    result: JSON.stringify({
      RESPONSE_CODE: 9,
      ERROR_CODE: '',
      RESPONSE_DATA: 'API : hashData error :: ',
      sessionId: null,
      CORE_TRX_ID_RESERVED: null,
      ERROR_MESSAGE: null,
      TimeStamp: null,
    }),
  })

export const serverError = () =>
  new Response('<html><body><h1>500 - Internal server error.</h1></body></html>', {
    status: 500,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  })

export const sha512Base64 = (fields: string[]) =>
  createHash('sha512').update(fields.join('|'), 'utf8').digest('base64')

/** Recomputes `hashDatav2` over `names` (then the secret) and compares in constant time. */
export function hashMatches(form: URLSearchParams, names: string[], secret: string): boolean {
  const expected = Buffer.from(sha512Base64([...names.map((n) => form.get(n) ?? ''), secret]))
  const given = Buffer.from(form.get('hashDatav2') ?? '')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** "100.50" → 10050; only a dot and exactly two decimals, as Paynkolay's examples write them. */
export function toKurus(text: string | null): number | undefined {
  const match = /^(\d{1,12})\.(\d{2})$/.exec(text ?? '')
  return match ? Number(match[1]) * 100 + Number(match[2]) : undefined
}

export const fromKurus = (kurus: number) =>
  `${Math.floor(kurus / 100)}.${String(kurus % 100).padStart(2, '0')}`

const turkey = (ms: number) => {
  const d = new Date(ms + 3 * 3600_000)
  const two = (n: number) => String(n).padStart(2, '0')
  return {
    dd: two(d.getUTCDate()),
    mm: two(d.getUTCMonth() + 1),
    yyyy: String(d.getUTCFullYear()),
    time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`,
  }
}
export const dottedDate = (ms: number) => {
  const t = turkey(ms)
  return `${t.dd}.${t.mm}.${t.yyyy}`
}
export const trxDateCancel = (ms: number) => {
  const t = turkey(ms)
  return `${t.yyyy}.${t.mm}.${t.dd}`
}
export const trxDatePreAuth = (ms: number) => {
  const t = turkey(ms)
  return `${t.yyyy}-${t.mm}-${t.dd}`
}
export const listTimestamp = (ms: number) => `${dottedDate(ms)} ${turkey(ms).time}`

/** "DD.MM.YYYY" → the Turkish day's number since the epoch, for range checks. */
export function dayOfDotted(text: string | null): number | undefined {
  const match = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text ?? '')
  if (!match) return undefined
  return Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1])) / 86_400_000
}
export const dayOf = (ms: number) => Math.floor((ms + 3 * 3600_000) / 86_400_000)
