/**
 * @module What the gateway keeps of each provider call: method, URL, status, latency and both
 * bodies with card numbers cut to first 6 + last 4 (also when split by separators or run into
 * other digits), security codes removed and every credential value of the tenant replaced. The
 * recorder wraps the `fetch` an adapter receives, so no adapter can forget to log or to mask.
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
const REDACTED = '[redacted]'

/** Shortest and longest card numbers looked for; 12 keeps the short Maestro numbers masked. */
const MIN_PAN_DIGITS = 12
const MAX_PAN_DIGITS = 19
const KEPT_LEADING_DIGITS = 6
const KEPT_TRAILING_DIGITS = 4
const HIDDEN_DIGIT = '*'
/** What may stand between two digits of a card number; URLs keep `%20`, `%2F`… undecoded. */
const SEPARATOR = '(?:[ ._/+-]|%(?:20|2[bdef]|5f))'
const DIGIT_RUN = new RegExp(String.raw`\d(?:${SEPARATOR}*\d)*`, 'gi')
const PERCENT = '%'.charCodeAt(0)
const DIGIT_0 = '0'.charCodeAt(0)
const DIGIT_9 = '9'.charCodeAt(0)

/** Where the digits of a run sit, skipping those inside a percent-encoded separator. */
function digitPositions(run: string): number[] {
  const positions: number[] = []
  // A run holds only digits, one-character separators and `%xx` separators (DIGIT_RUN).
  for (let i = 0; i < run.length; i++) {
    const char = run.charCodeAt(i)
    if (char === PERCENT) i += 2
    else if (char >= DIGIT_0 && char <= DIGIT_9) positions.push(i)
  }
  return positions
}

/** Adds one digit's share to a Luhn sum; `doubled` for every second digit from the right. */
function luhnShare(digit: number, doubled: boolean): number {
  if (!doubled) return digit
  return digit * 2 > 9 ? digit * 2 - 9 : digit * 2
}

function hideMiddle(hidden: boolean[], start: number, end: number): void {
  for (let i = start + KEPT_LEADING_DIGITS; i < end - KEPT_TRAILING_DIGITS; i++) hidden[i] = true
}

/**
 * Which digits lie between the first 6 and last 4 of some Luhn-valid window of 12–19 digits.
 * Every window is checked because a card number may touch other digits on either side; sums
 * grow leftwards from each end, so the work stays proportional to the number of digits.
 */
function digitsToHide(digits: string): boolean[] {
  const hidden = new Array<boolean>(digits.length).fill(false)
  for (let end = MIN_PAN_DIGITS; end <= digits.length; end++) {
    let sum = 0
    for (let length = 1; length <= Math.min(MAX_PAN_DIGITS, end); length++) {
      sum += luhnShare(Number(digits[end - length]), length % 2 === 0)
      if (length >= MIN_PAN_DIGITS && sum % 10 === 0) hideMiddle(hidden, end - length, end)
    }
  }
  return hidden
}

/** Masks one run of digits and separators; in a longer run, digit by digit in place. */
function maskRun(run: string): string {
  // Most runs in a provider's answer (timestamps, amounts, base64 pages) are too short to hold one.
  if (run.length < MIN_PAN_DIGITS) return run
  const positions = digitPositions(run)
  const digits = positions.map((position) => run[position]).join('')
  // A run that is one card number and nothing else keeps the familiar `424242******4242` form.
  if (digits.length <= MAX_PAN_DIGITS && isLuhnValid(digits)) return maskPan(digits)
  const hidden = digitsToHide(digits)
  const chars = run.split('')
  positions.forEach((position, i) => {
    if (hidden[i]) chars[position] = HIDDEN_DIGIT
  })
  return chars.join('')
}

function maskPans(text: string): string {
  return text.replace(DIGIT_RUN, maskRun)
}

/**
 * Integers beyond 2^53 come back from `JSON.parse` with other digits than were sent, which the
 * Luhn check would no longer recognise; they are dropped rather than logged half in clear.
 */
function dropImpreciseIntegers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)
    ? REDACTED
    : value
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
    text = JSON.stringify(redactFields(JSON.parse(body, dropImpreciseIntegers)))
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
