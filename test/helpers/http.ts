/** Calls the Worker through its own fetch handler, as a client on the network would. */
import { exports } from 'cloudflare:workers'

export interface CallOptions {
  body?: unknown
  /** Sent as-is, for malformed-body tests. */
  rawBody?: string
  token?: string
  headers?: Record<string, string>
  /** Client address as Cloudflare reports it; each test file picks its own to keep limits apart. */
  ip?: string
}

export interface ApiResponse<T = Record<string, unknown>> {
  status: number
  headers: Headers
  body: T
}

export const GATEWAY = 'http://gateway.test'

export async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  options: CallOptions = {}
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.Authorization = `Bearer ${options.token}`
  if (options.ip) headers['CF-Connecting-IP'] = options.ip
  let body: string | undefined
  if (options.rawBody !== undefined) body = options.rawBody
  else if (options.body !== undefined) body = JSON.stringify(options.body)
  if (body !== undefined && !headers['Content-Type']) headers['Content-Type'] = 'application/json'
  const res = await exports.default.fetch(`${GATEWAY}${path}`, {
    method,
    headers,
    body,
    redirect: 'manual',
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch {
    // non-JSON answers (HTML pages) stay text
  }
  return { status: res.status, headers: res.headers, body: parsed as T }
}

export interface ErrorBody {
  success: false
  error: { code: string; message: string; requestId: string; docUrl: string; details?: unknown }
}

let ipCounter = 0

/** A new documentation-range address each call, so the rate limits of different tests never meet. */
export const nextIp = () => `2001:db8::${(++ipCounter).toString(16)}`
