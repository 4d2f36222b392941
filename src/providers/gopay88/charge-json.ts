/**
 * @module The `charge` value of a GoPay88 answer or notification, cut out of the raw body as it
 * arrived. The platform signs `json_encode(charge)` as PHP wrote it (no spaces, `\/`, `\uxxxx`),
 * so only the received text verifies; re-serializing the parsed object would not reproduce it.
 * The scan follows the JSON grammar at the top level and refuses a body whose `charge` key
 * appears twice, so the text verified is the text `JSON.parse` reads. `signedForms` gives the
 * other texts a genuine signature may cover (see there).
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r'])
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y
const CLOSER: Record<string, string> = { '{': '}', '[': ']' }

const skipWhitespace = (text: string, at: number) => {
  let i = at
  while (i < text.length && WHITESPACE.has(text[i]!)) i++
  return i
}

/** End (exclusive) of the string token starting at `at` (a `"`), or undefined. */
function endOfString(text: string, at: number): number | undefined {
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i]!
    if (c === '\\') i++
    else if (c === '"') return i + 1
    else if (c < ' ') return undefined
  }
  return undefined
}

/** End (exclusive) of the JSON value starting at `at`, brackets balanced outside strings. */
function endOfValue(text: string, at: number): number | undefined {
  const first = text[at]
  if (first === '"') return endOfString(text, at)
  if (first !== '{' && first !== '[') {
    LITERAL.lastIndex = at
    return LITERAL.exec(text) ? LITERAL.lastIndex : undefined
  }
  const open: string[] = []
  for (let i = at; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') {
      const end = endOfString(text, i)
      if (end === undefined) return undefined
      i = end - 1
    } else if (c === '{' || c === '[') {
      open.push(CLOSER[c]!)
    } else if (c === '}' || c === ']') {
      if (open.pop() !== c) return undefined
      if (open.length === 0) return i + 1
    }
  }
  return undefined
}

/** The raw text of the top-level member `key` of a JSON object, or undefined. */
export function sliceTopLevelMember(raw: string, key: string): string | undefined {
  let i = skipWhitespace(raw, 0)
  if (raw[i] !== '{') return undefined
  i = skipWhitespace(raw, i + 1)
  let found: string | undefined
  let seen = false
  if (raw[i] === '}') return undefined
  for (;;) {
    if (raw[i] !== '"') return undefined
    const keyEnd = endOfString(raw, i)
    if (keyEnd === undefined) return undefined
    let name: unknown
    try {
      name = JSON.parse(raw.slice(i, keyEnd))
    } catch {
      return undefined
    }
    i = skipWhitespace(raw, keyEnd)
    if (raw[i] !== ':') return undefined
    const valueStart = skipWhitespace(raw, i + 1)
    const valueEnd = endOfValue(raw, valueStart)
    if (valueEnd === undefined) return undefined
    if (name === key) {
      if (seen) return undefined
      seen = true
      found = raw.slice(valueStart, valueEnd)
    }
    i = skipWhitespace(raw, valueEnd)
    if (raw[i] === ',') {
      i = skipWhitespace(raw, i + 1)
      continue
    }
    if (raw[i] !== '}') return undefined
    return skipWhitespace(raw, i + 1) === raw.length ? found : undefined
  }
}

/** The charge text and its parsed value; undefined when the body has no single readable charge. */
export function readCharge(raw: string): { text: string; value: unknown } | undefined {
  const text = sliceTopLevelMember(raw, 'charge')
  if (text === undefined) return undefined
  try {
    return { text, value: JSON.parse(text) }
  } catch {
    return undefined
  }
}

const PHP_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
}

/** A string as PHP's `json_encode` writes it: `\/`, and `\uxxxx` (lower case) below 0x20 and above 0x7f. */
const phpString = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped on purpose
  `"${text.replace(/["\\/\u0000-\u001f\u0080-\uffff]/g, (c) => PHP_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`

/** A float as PHP 7.1+ writes it back (`1.50` → `1.5`, `100.00` → `100.0`); integers as written. */
function phpNumber(literal: string): string {
  if (!/[.eE]/.test(literal)) return literal
  const text = String(Number(literal))
  if (/e/.test(text)) return literal
  return text.includes('.') ? text : `${text}.0`
}

/**
 * The text without whitespace outside strings; with `php`, also every string, number and empty
 * object (`json_decode($x, true)` makes `{}` an empty array) re-written as PHP's `json_encode`
 * writes them. Undefined when the text is not well-formed.
 */
function rewrite(raw: string, php: boolean): string | undefined {
  let out = ''
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!
    if (WHITESPACE.has(c)) continue
    if (c === '"') {
      const end = endOfString(raw, i)
      if (end === undefined) return undefined
      const token = raw.slice(i, end)
      try {
        out += php ? phpString(JSON.parse(token) as string) : token
      } catch {
        return undefined
      }
      i = end - 1
    } else if (php && c === '{' && raw[skipWhitespace(raw, i + 1)] === '}') {
      out += '[]'
      i = skipWhitespace(raw, i + 1)
    } else if (php && /[-\d]/.test(c)) {
      LITERAL.lastIndex = i
      if (!LITERAL.exec(raw)) return undefined
      out += phpNumber(raw.slice(i, LITERAL.lastIndex))
      i = LITERAL.lastIndex - 1
    } else {
      out += c
    }
  }
  return out
}

/**
 * The texts a genuine platform signature over a received charge may cover, most likely first:
 * - the charge exactly as received (cmpay writes `json_encode(charge)` inside the answer);
 * - `json_encode(json_decode(charge, true))`, which is what GoPay88's SDK verifies
 *   (`SignUtil::to_verify_data`), whatever spacing or escaping the body itself used;
 * - the charge without the spacing of a pretty-printed body (the document's samples are).
 * Each reads as the same charge, so a signature over any of them vouches for what is parsed.
 */
export function signedForms(raw: string): string[] {
  const forms = [raw, rewrite(raw, true), rewrite(raw, false)]
  return [...new Set(forms.filter((form): form is string => form !== undefined))]
}
