/**
 * @module Stripe's form parameters as its API reads them: `a[b][c]=v` nests, `a[0]=v` indexes a
 * list, unknown parameters are refused (`parameter_unknown`), missing ones too
 * (`parameter_missing`), and integers and booleans must be written as such.
 */
import type { StripeErrorBody } from './store.ts'

export type Params = { [key: string]: string | Params }

export class ParamError extends Error {
  readonly body: StripeErrorBody
  constructor(body: StripeErrorBody) {
    super(body.message)
    this.body = body
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`

export const invalidRequest = (message: string, code?: string, param?: string) =>
  new ParamError({
    type: 'invalid_request_error',
    message,
    ...(code ? { code, doc_url: docUrl(code) } : {}),
    ...(param ? { param } : {}),
  })

/** Splits `a[b][0]` into `['a', 'b', '0']`. */
function pathOf(key: string): string[] | undefined {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key)
  if (!match) return undefined
  const inner = [...(match[2] ?? '').matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')
  return [match[1]!, ...inner]
}

/** Parses a form body or query string; `keys` are the raw parameter names, for the unknown check. */
export function parseForm(text: string): { params: Params; keys: string[] } {
  const params: Params = {}
  const keys: string[] = []
  for (const [key, value] of new URLSearchParams(text)) {
    const path = pathOf(key)
    if (!path || path.some((segment) => segment === '')) {
      throw invalidRequest(`Invalid request: unable to parse the parameter ${key}.`)
    }
    keys.push(path.join('.'))
    let node = params
    for (const segment of path.slice(0, -1)) {
      const next = node[segment]
      if (typeof next === 'string') throw invalidRequest(`Invalid hash: ${key}`, undefined, key)
      if (next === undefined) node[segment] = {}
      node = node[segment] as Params
    }
    node[path.at(-1)!] = value
  }
  return { params, keys }
}

/**
 * Refuses parameters outside `allowed` (dotted names; `*` matches any one segment, such as a
 * metadata key or a list index).
 */
export function refuseUnknown(keys: string[], allowed: readonly string[]) {
  const patterns = allowed.map((name) => name.split('.'))
  for (const key of keys) {
    const segments = key.split('.')
    const known = patterns.some(
      (p) => p.length === segments.length && p.every((s, i) => s === '*' || s === segments[i])
    )
    if (!known) {
      const name = segments.map((s, i) => (i === 0 ? s : `[${s}]`)).join('')
      throw invalidRequest(`Received unknown parameter: ${name}`, 'parameter_unknown', name)
    }
  }
}

export const text = (params: Params, name: string): string | undefined => {
  const value = params[name]
  if (value !== undefined && typeof value !== 'string')
    throw invalidRequest(`Invalid string: ${name}`, 'parameter_invalid_string_empty', name)
  return value
}

export const required = (params: Params, name: string, label = name): string => {
  const value = text(params, name)
  if (value === undefined || value === '')
    throw invalidRequest(`Missing required param: ${label}.`, 'parameter_missing', label)
  return value
}

export function integer(params: Params, name: string): number | undefined {
  const value = text(params, name)
  if (value === undefined) return undefined
  if (!/^-?\d+$/.test(value))
    throw invalidRequest(`Invalid integer: ${value}`, 'parameter_invalid_integer', name)
  return Number(value)
}

export function boolean(params: Params, name: string): boolean | undefined {
  const value = text(params, name)
  if (value === undefined) return undefined
  if (value !== 'true' && value !== 'false')
    throw invalidRequest(`Invalid boolean: ${value}`, undefined, name)
  return value === 'true'
}

export function oneOf<T extends string>(
  params: Params,
  name: string,
  values: readonly T[]
): T | undefined {
  const value = text(params, name)
  if (value === undefined) return undefined
  if (!values.includes(value as T))
    throw invalidRequest(`Invalid ${name}: must be one of ${values.join(', ')}`, undefined, name)
  return value as T
}

export const nested = (params: Params, name: string): Params => {
  const value = params[name]
  if (typeof value === 'string') throw invalidRequest(`Invalid hash: ${name}`, undefined, name)
  return value ?? {}
}

/** Metadata: string keys (up to 40 characters) and values (up to 500). */
export function metadataOf(params: Params): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(nested(params, 'metadata'))) {
    if (typeof value !== 'string' || key.length > 40 || value.length > 500)
      throw invalidRequest(`Invalid metadata[${key}]`, undefined, `metadata[${key}]`)
    out[key] = value
  }
  return out
}

/** A list written `a[0]=x&a[1]=y`. */
export const listOf = (params: Params, name: string): string[] =>
  Object.values(nested(params, name)).filter((v): v is string => typeof v === 'string')
