/**
 * @module The canonical form of a JSON body, so that two requests meaning the same thing compare
 * equal whatever their key order and whitespace: objects with keys sorted by code unit, no
 * whitespace, and numbers and strings as JSON.stringify writes them. A body that is not JSON stays
 * as it is.
 */

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function canonicalJson(text: string): string {
  try {
    return canonical(JSON.parse(text))
  } catch {
    return text
  }
}
