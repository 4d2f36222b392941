/**
 * @module PayTR's wire habits in the simulator: form posts in (urlencoded or multipart, as PHP's
 * `$_POST` takes both), JSON out, errors as `{status:"failed", reason}` (get-token, Direct API) or
 * `{status:"error", err_no, err_msg}` (status query, refund), amounts in kuruş or as decimals.
 */

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

export const failed = (reason: string) => json({ status: 'failed', reason })

export const apiError = (errNo: string, errMsg: string) =>
  json({ status: 'error', err_no: errNo, err_msg: errMsg })

/** The web server's own 500 page: PayTR documents no error body for it. */
export const serverError = () =>
  new Response('<html><body><h1>500 Internal Server Error</h1></body></html>', {
    status: 500,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  })

/** "100.99" → 10099; PayTR takes only a dot and at most two decimals. */
export function decimalToKurus(text: string | null): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text ?? '')
  if (!match) return undefined
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}

export const kurusToDecimal = (kurus: number) =>
  `${Math.floor(kurus / 100)}.${String(kurus % 100).padStart(2, '0')}`

export const CURRENCIES = ['', 'TL', 'TRY', 'EUR', 'USD', 'GBP', 'RUB']

export const isUrl = (text: string | null) => {
  if (!text || text.length > 400) return false
  try {
    return ['http:', 'https:'].includes(new URL(text).protocol)
  } catch {
    return false
  }
}

export const unescapeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')

/** `[[name, "18.00", 1], …]`: PayTR's basket rows. */
export function isBasket(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (row) =>
        Array.isArray(row) &&
        row.length === 3 &&
        typeof row[0] === 'string' &&
        typeof row[1] === 'string' &&
        decimalToKurus(row[1]) !== undefined &&
        Number.isInteger(row[2])
    )
  )
}
