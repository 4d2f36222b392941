/**
 * @module The one way a URL a tenant gives us is read: written plainly as `http(s)://host…`, with
 * no whitespace, backslash or control character and no credentials. URL parsers forgive
 * `https:evil.com`, `https:/evil.com` and `\\evil.com`; here those are refused before parsing.
 */

export type PlainUrlProblem = 'malformed' | 'not_http' | 'credentials'

const isControlOrSpace = (ch: string) => ch.charCodeAt(0) <= 0x20 || ch.charCodeAt(0) === 0x7f

export function parsePlainHttpUrl(input: string): URL | { problem: PlainUrlProblem } {
  if ([...input].some(isControlOrSpace) || input.includes('\\')) return { problem: 'malformed' }
  if (!/^https?:\/\/[^/?#]/i.test(input)) return { problem: 'not_http' }
  let url: URL
  try {
    url = new URL(input)
  } catch {
    return { problem: 'malformed' }
  }
  if (url.username || url.password) return { problem: 'credentials' }
  return url
}
