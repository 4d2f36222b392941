/**
 * OpenAPI 3.1 → Postman Collection v2.1, for `npm run generate`: one folder per tag, one request
 * per operation, `{{baseUrl}}` and `{{token}}` as collection variables. Pure and deterministic
 * (ids derived from operationIds, no timestamps), so the committed collection only changes when
 * the document does. It reads only what the gateway's document uses; it is no general converter.
 */

export const POSTMAN_SCHEMA_URL =
  'https://schema.getpostman.com/json/collection/v2.1.0/collection.json'
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8787'

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const
const UNTAGGED_FOLDER = 'Other'
type HttpMethod = (typeof HTTP_METHODS)[number]
const isHttpMethod = (key: string): key is HttpMethod =>
  (HTTP_METHODS as readonly string[]).includes(key)

interface Ref {
  $ref: string
}
interface Schema {
  example?: unknown
  examples?: unknown[]
  default?: unknown
  enum?: unknown[]
  allOf?: (Schema | Ref)[]
}
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  description?: string
  example?: unknown
  schema?: Schema | Ref
}
interface MediaType {
  schema?: Schema | Ref
  example?: unknown
  examples?: Record<string, { value?: unknown }>
}
interface Operation {
  operationId: string
  summary?: string
  description?: string
  tags?: string[]
  security?: Record<string, string[]>[]
  parameters?: (Parameter | Ref)[]
  requestBody?: { content?: Record<string, MediaType> } | Ref
}
type PathItem = { parameters?: (Parameter | Ref)[] } & {
  [method in HttpMethod]?: Operation
}
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string }
  security?: Record<string, string[]>[]
  tags?: { name: string; description?: string }[]
  paths: Record<string, PathItem>
}

interface KeyValue {
  key: string
  value: string
  description?: string
  disabled?: boolean
}
interface PostmanRequestItem {
  id: string
  name: string
  request: {
    method: string
    header: KeyValue[]
    url: { raw: string; host: string[]; path: string[]; query?: KeyValue[]; variable?: KeyValue[] }
    body?: { mode: 'raw'; raw: string; options: { raw: { language: 'json' } } }
    auth?: { type: 'noauth' }
    description?: string
  }
  response: []
}
/** A folder has no `id` in the v2.1 schema, only its requests do. */
interface PostmanFolder {
  name: string
  description?: string
  item: PostmanRequestItem[]
}

/** Follows a local `$ref` (`#/components/…`) through the document. */
function resolve<T extends object>(doc: OpenApiDocument, value: T | Ref): T {
  if (!('$ref' in value)) return value
  let target: unknown = doc
  for (const segment of value.$ref.replace(/^#\//, '').split('/')) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~')
    target = (target as Record<string, unknown>)[key]
  }
  if (!target) throw new Error(`Unresolved $ref ${value.$ref}`)
  return resolve(doc, target as T | Ref)
}

/** A UUID-shaped id from a name (FNV-1a, four seeds): stable across runs, unlike Postman's own. */
export function stableId(name: string): string {
  const hex = [0x811c9dc5, 0x01000193, 0x050c5d1f, 0x2f8a7e5b].map((seed) => {
    let hash = seed
    for (const char of `gopay-edge:${name}`)
      hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193)
    return (hash >>> 0).toString(16).padStart(8, '0')
  })
  const all = hex.join('')
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-${all.slice(12, 16)}-${all.slice(16, 20)}-${all.slice(20)}`
}

function exampleOf(doc: OpenApiDocument, parameter: Parameter): string {
  const schema = parameter.schema ? resolve(doc, parameter.schema) : {}
  const value = parameter.example ?? schema.example ?? schema.default ?? schema.enum?.[0]
  return value === undefined ? '' : String(value)
}

/** `idempotency-key` → `Idempotency-Key`: how the README and merchants write header names. */
const headerName = (name: string) =>
  name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('-')

function bodyExample(doc: OpenApiDocument, media: MediaType): unknown {
  if (media.example !== undefined) return media.example
  const named = Object.values(media.examples ?? {})[0]
  if (named?.value !== undefined) return named.value
  return (media.schema && schemaExample(doc, media.schema)) ?? {}
}

/** A schema's own example, or one of its `allOf` parts' (a schema extended with `.extend()`). */
function schemaExample(doc: OpenApiDocument, ref: Schema | Ref): unknown {
  const schema = resolve(doc, ref)
  const own = schema.example ?? schema.examples?.[0]
  if (own !== undefined) return own
  for (const part of schema.allOf ?? []) {
    const example = schemaExample(doc, part)
    if (example !== undefined) return example
  }
  return undefined
}

function toRequest(
  doc: OpenApiDocument,
  path: string,
  method: string,
  item: PathItem,
  op: Operation
) {
  // An operation's parameter overrides the path item's of the same name and location (OpenAPI 3.1).
  const declared = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
    resolve(doc, p)
  )
  const parameters = [...new Map(declared.map((p) => [`${p.in}:${p.name}`, p])).values()]
  const describe = (p: Parameter) => (p.description ? { description: p.description } : {})

  const segments = path
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/^\{(.+)\}$/, ':$1'))
  const query = parameters
    .filter((p) => p.in === 'query')
    .map((p) => ({ key: p.name, value: exampleOf(doc, p), ...describe(p), disabled: !p.required }))
  const rawQuery = query.filter((q) => !q.disabled).map((q) => `${q.key}=${q.value}`)
  const variable = parameters
    .filter((p) => p.in === 'path')
    .map((p) => ({ key: p.name, value: exampleOf(doc, p), ...describe(p) }))

  const header: KeyValue[] = parameters
    .filter((p) => p.in === 'header')
    .map((p) =>
      // A fresh key per send: Postman's {{$guid}}, so a repeated send is a new request, not a replay.
      p.name.toLowerCase() === 'idempotency-key'
        ? { key: headerName(p.name), value: '{{$guid}}', ...describe(p) }
        : {
            key: headerName(p.name),
            value: exampleOf(doc, p),
            ...describe(p),
            disabled: !p.required,
          }
    )
  const json = op.requestBody && resolve(doc, op.requestBody).content?.['application/json']
  if (json) header.unshift({ key: 'Content-Type', value: 'application/json' })

  const security = op.security ?? doc.security ?? []
  const request: PostmanRequestItem['request'] = {
    method: method.toUpperCase(),
    header,
    url: {
      raw: `{{baseUrl}}/${segments.join('/')}${rawQuery.length ? `?${rawQuery.join('&')}` : ''}`,
      host: ['{{baseUrl}}'],
      path: segments,
      ...(query.length ? { query } : {}),
      ...(variable.length ? { variable } : {}),
    },
  }
  if (json) {
    const raw = JSON.stringify(bodyExample(doc, json), null, 2)
    request.body = { mode: 'raw', raw, options: { raw: { language: 'json' } } }
  }
  if (security.length === 0) request.auth = { type: 'noauth' }
  if (op.description) request.description = op.description
  return request
}

export function toPostmanCollection(doc: OpenApiDocument, baseUrl = DEFAULT_BASE_URL) {
  const folders = new Map<string, PostmanFolder>()
  for (const tag of doc.tags ?? [])
    folders.set(tag.name, {
      name: tag.name,
      ...(tag.description ? { description: tag.description } : {}),
      item: [],
    })

  for (const [path, item] of Object.entries(doc.paths)) {
    // In the document's own order, so the collection reads like the API reference.
    for (const method of Object.keys(item).filter(isHttpMethod)) {
      const op = item[method]
      if (!op) continue
      const tag = op.tags?.[0] ?? UNTAGGED_FOLDER
      if (!folders.has(tag)) folders.set(tag, { name: tag, item: [] })
      folders.get(tag)!.item.push({
        id: stableId(op.operationId),
        name: `${op.summary ?? `${method.toUpperCase()} ${path}`} (${op.operationId})`,
        request: toRequest(doc, path, method, item, op),
        response: [],
      })
    }
  }

  return {
    info: {
      _postman_id: stableId(`collection:${doc.info.title}`),
      name: doc.info.title,
      description: [
        doc.info.description,
        `API version ${doc.info.version}. Generated from docs/openapi.json by \`npm run generate\`: set \`baseUrl\` and \`token\` (an access token or an API key) in the collection's variables.`,
      ]
        .filter(Boolean)
        .join('\n\n'),
      schema: POSTMAN_SCHEMA_URL,
    },
    auth: { type: 'bearer', bearer: [{ key: 'token', value: '{{token}}', type: 'string' }] },
    variable: [
      { key: 'baseUrl', value: baseUrl, type: 'string' },
      { key: 'token', value: '', type: 'string' },
    ],
    item: [...folders.values()].filter((folder) => folder.item.length > 0),
  }
}
