/**
 * @module What the gateway keeps of each provider call: method, URL, status, latency and both
 * bodies with card numbers cut to first 6 + last 4, security codes removed and every credential
 * value of the tenant replaced. The recorder wraps the `fetch` an adapter receives, so no adapter
 * can forget to log or to mask.
 */
import { isLuhnValid, maskPan } from '../domain/cards'

export interface ProviderCall {
  method: string
  url: string
  status: number | null
  latencyMs: number
  request: string | null
  response: string | null
}

const SECRET_FIELD =
  /cvv|cvc|cv2|securitycode|cardcode|password|pwd|secret|apikey|api_key|token|signature|hash/i
const PAN_CANDIDATE = /\d[\d -]{10,22}\d/g
const REDACTED = '[redacted]'

function maskPans(text: string): string {
  return text.replace(PAN_CANDIDATE, (candidate) => {
    const digits = candidate.replace(/[ -]/g, '')
    return digits.length >= 12 && digits.length <= 19 && isLuhnValid(digits)
      ? maskPan(digits)
      : candidate
  })
}

function redactFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactFields)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        SECRET_FIELD.test(key) ? REDACTED : redactFields(inner),
      ])
    )
  }
  return value
}

/** Masks one body: JSON and form-encoded bodies field by field, then PANs and secrets anywhere. */
export function maskBody(body: string | null, secrets: readonly string[]): string | null {
  if (body === null || body === '') return body
  let text = body
  try {
    text = JSON.stringify(redactFields(JSON.parse(body)))
  } catch {
    if (/^[\w.%[\]-]+=/.test(body)) {
      const form = new URLSearchParams(body)
      for (const key of [...form.keys()]) if (SECRET_FIELD.test(key)) form.set(key, REDACTED)
      text = decodeURIComponent(form.toString().replace(/\+/g, ' '))
    }
  }
  for (const secret of secrets) if (secret.length >= 4) text = text.split(secret).join(REDACTED)
  return maskPans(text)
}

/** A `fetch` that records every call it makes, masked, for the provider log. */
export function recordingFetch(inner: typeof fetch, secrets: readonly string[], now: () => number) {
  const calls: ProviderCall[] = []
  const recorder: typeof fetch = async (input, init) => {
    const request = new Request(input, init)
    const requestBody = init?.body === undefined || init.body === null ? null : String(init.body)
    const started = now()
    const call: ProviderCall = {
      method: request.method,
      url: maskBody(request.url, secrets) ?? request.url,
      status: null,
      latencyMs: 0,
      request: maskBody(requestBody, secrets),
      response: null,
    }
    calls.push(call)
    try {
      const response = await inner(request)
      call.status = response.status
      call.response = maskBody(await response.clone().text(), secrets)
      return response
    } finally {
      call.latencyMs = Math.max(0, now() - started)
    }
  }
  return { fetch: recorder, calls }
}
