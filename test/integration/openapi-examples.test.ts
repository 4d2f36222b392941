/**
 * The examples of `/openapi.json`, which Swagger UI shows at /docs and the Postman collection is
 * made from: every operation and webhook shows what to send and what comes back, and every example
 * the document holds (whole bodies, parameters, single fields) is one the zod schema it documents
 * accepts, with ids the gateway could have made. The zod schemas are the app's own, from its
 * OpenAPI registry; a `$ref` is followed to its component, which is the same zod object.
 */
import { type RouteConfig, z } from '@hono/zod-openapi'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { ID_PREFIXES, type IdKind, isId } from '../../src/domain/ids'
import { call } from '../helpers/http'

/**
 * Places that cannot have a meaningful example, and why. (Provider notifications have no request
 * body in the document at all: each provider posts its own format, read by its adapter.)
 */
const EXCEPTIONS: Record<string, string> = {
  'returnFromProvider response 2xx':
    "the answer is a 303 to the merchant's callbackUrl, with nothing in its body",
  'returnFromProviderByPost response 2xx':
    "the answer is a 303 to the merchant's callbackUrl, with nothing in its body",
  'showProviderPage response 200': "the provider's own HTML page (a bank's 3-D Secure form)",
  'receiveProviderNotification response 200':
    'the acknowledgement each provider expects, in its own format and content type',
  'receiveProviderStatusPing response 200':
    'the acknowledgement each provider expects, in its own format and content type',
  'receivePaymentEvent response 200': "the merchant's own answer, of which only the status counts",
  'receiveWebhookTest response 200': "the merchant's own answer, of which only the status counts",
}

type Json = { [key: string]: unknown }
type NamedExamples = Record<string, { value?: unknown }>
interface MediaType {
  schema?: Json
  example?: unknown
  examples?: NamedExamples
}
interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  schema?: Json
  example?: unknown
  examples?: NamedExamples
}
interface Operation {
  operationId: string
  parameters?: Parameter[]
  requestBody?: { content: Record<string, MediaType> }
  responses: Record<string, { content?: Record<string, MediaType> }>
}
type Operations = Record<string, Record<string, Operation>>
interface Document {
  paths: Operations
  webhooks: Operations
  components: { schemas: Record<string, Json> }
}

/** One example as documented, with the zod schema it must satisfy. */
interface Sample {
  place: string
  pointer: string
  value: unknown
  schema: z.ZodType
}

/** One operation of the document beside its definition in the registry. */
interface Pair {
  name: string
  pointer: string
  operation: Operation
  config: RouteConfig
}

const pointerOf = (...parts: string[]) =>
  `#/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`

const isJson = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const isZod = (value: unknown): value is z.ZodType => value instanceof z.ZodType

/** What the schema holds once wrappers are off: the object, array or union the JSON describes. */
function structural(schema: z.ZodType): z.ZodType {
  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodPrefault ||
    schema instanceof z.ZodReadonly ||
    schema instanceof z.ZodNonOptional
  ) {
    return structural(schema.def.innerType as z.ZodType)
  }
  if (schema instanceof z.ZodPipe) {
    // A transform documents its input; a preprocess (input is the transform) its output.
    const side = schema.def.in instanceof z.ZodTransform ? schema.def.out : schema.def.in
    return structural(side as z.ZodType)
  }
  return schema
}

/** Collects the examples of the document, each paired with the zod schema of its place. */
class Walk {
  readonly samples: Sample[] = []
  readonly problems: string[] = []
  /** Components are reached from many operations: each example once per zod schema. */
  private readonly seen = new Map<z.ZodType, Set<string>>()

  constructor(readonly doc: Document) {}

  private add(sample: Sample) {
    const pointers = this.seen.get(sample.schema) ?? new Set<string>()
    this.seen.set(sample.schema, pointers)
    const key = `${sample.pointer} ${JSON.stringify(sample.value)}`
    if (pointers.has(key)) return
    pointers.add(key)
    this.samples.push(sample)
  }

  /** The component a `$ref` names, with its pointer; any other node as it is. */
  private resolve(node: Json, pointer: string): [Json, string] {
    const ref = node.$ref
    if (typeof ref !== 'string') return [node, pointer]
    const name = ref.replace('#/components/schemas/', '')
    const target = this.doc.components.schemas[name]
    if (!target) throw new Error(`${pointer}: unresolved ${ref}`)
    return [target, pointerOf('components', 'schemas', name)]
  }

  /** Whether a schema node, or the component it names, carries an example of the whole. */
  hasExample(node: Json | undefined): boolean {
    if (!node) return false
    if (node.example !== undefined || Array.isArray(node.examples)) return true
    const [target] = this.resolve(node, '')
    return target !== node && this.hasExample(target)
  }

  /** The examples of a media type or parameter object (`example`, named `examples`). */
  objectSamples(holder: MediaType | Parameter, schema: z.ZodType, place: string, pointer: string) {
    if (holder.example !== undefined)
      this.add({ place, pointer: `${pointer}/example`, value: holder.example, schema })
    for (const [name, example] of Object.entries(holder.examples ?? {})) {
      const at = `${pointer}/examples`
      this.add({ place: `${place} (${name})`, pointer: at, value: example.value, schema })
    }
  }

  /**
   * Every example in a schema node and below it, each with the zod schema at the same place.
   * `part`: the node is a part of an `allOf` (the component a schema extends), so an example of
   * the whole part is checked where that component is used alone, not against the extension.
   */
  schemaSamples(node: Json, schema: z.ZodType, place: string, pointer: string, part = false) {
    const [target, at] = this.resolve(node, pointer)
    if (!part) {
      this.ownSamples(node, schema, place, pointer)
      if (target !== node) this.ownSamples(target, schema, place, at)
    }
    this.children(target, structural(schema), place, at)
  }

  private ownSamples(node: Json, schema: z.ZodType, place: string, pointer: string) {
    if (node.example !== undefined)
      this.add({ place, pointer: `${pointer}/example`, value: node.example, schema })
    if (Array.isArray(node.examples))
      for (const value of node.examples)
        this.add({ place, pointer: `${pointer}/examples`, value, schema })
  }

  private children(node: Json, schema: z.ZodType, place: string, pointer: string) {
    for (const [i, member] of (Array.isArray(node.allOf) ? node.allOf : []).entries()) {
      if (isJson(member)) this.schemaSamples(member, schema, place, `${pointer}/allOf/${i}`, true)
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      const members = (Array.isArray(node[key]) ? node[key] : []).filter(isJson)
      // `nullable` adds a `null` member that the zod union does not have.
      const typed = members.filter((m) => m.type !== 'null')
      const options = schema instanceof z.ZodUnion ? (schema.options as z.ZodType[]) : []
      for (const [i, member] of members.entries()) {
        if (member.type === 'null') continue
        const option = options.length === typed.length ? options[typed.indexOf(member)] : schema
        this.schemaSamples(member, option ?? schema, place, `${pointer}/${key}/${i}`)
      }
    }
    if (isJson(node.properties)) {
      const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {}
      for (const [key, child] of Object.entries(node.properties)) {
        const field = shape[key]
        if (!field) this.problems.push(`${place}: property ${key} has no zod field`)
        else if (isJson(child))
          this.schemaSamples(child, field, `${place}.${key}`, `${pointer}/properties/${key}`)
      }
    }
    if (isJson(node.items) && schema instanceof z.ZodArray) {
      this.schemaSamples(node.items, schema.element as z.ZodType, `${place}[]`, `${pointer}/items`)
    }
    if (isJson(node.additionalProperties) && schema instanceof z.ZodRecord) {
      const at = `${pointer}/additionalProperties`
      this.schemaSamples(node.additionalProperties, schema.valueType as z.ZodType, place, at)
    }
  }
}

/** Where the document holds examples: every `example` and `examples` outside property names. */
function documentedExamples(node: unknown, pointer: string, out: Set<string>, parentKey = '') {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) documentedExamples(item, `${pointer}/${i}`, out)
    return
  }
  if (!isJson(node)) return
  for (const [key, value] of Object.entries(node)) {
    const at = `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`
    if ((key === 'example' || key === 'examples') && parentKey !== 'properties') out.add(at)
    else documentedExamples(value, at, out, key)
  }
}

const configsOf = () =>
  createApp().openAPIRegistry.definitions.flatMap(
    (definition): { section: 'paths' | 'webhooks'; config: RouteConfig }[] =>
      definition.type === 'route'
        ? [{ section: 'paths', config: definition.route }]
        : definition.type === 'webhook'
          ? [{ section: 'webhooks', config: definition.webhook }]
          : []
  )

/** The zod schema of a body in the registry (request or response content). */
const contentSchema = (content: object | undefined, type: string): unknown => {
  const media = (content as Record<string, unknown> | undefined)?.[type]
  return isJson(media) ? media.schema : undefined
}

const PARAMETER_SOURCES = { path: 'params', query: 'query', header: 'headers' } as const

function parameterSchema(config: RouteConfig, parameter: Parameter): z.ZodType | undefined {
  const source = PARAMETER_SOURCES[parameter.in as keyof typeof PARAMETER_SOURCES]
  const holder = source && config.request?.[source]
  const object = isZod(holder) ? structural(holder) : undefined
  return object instanceof z.ZodObject
    ? (object.shape as Record<string, z.ZodType>)[parameter.name]
    : undefined
}

let doc: Document
let pairs: Pair[]
let walk: Walk
/** Places without an example, `operationId place`. */
const lacking: string[] = []

beforeAll(async () => {
  doc = (await call<Document>('GET', '/openapi.json')).body
  walk = new Walk(doc)
  pairs = configsOf().map(({ section, config }) => {
    const operation = doc[section][config.path]?.[config.method]
    if (!operation) throw new Error(`${config.method} ${config.path} is not in the document`)
    return {
      name: operation.operationId,
      pointer: pointerOf(section, config.path, config.method),
      operation,
      config,
    }
  })

  for (const { name, pointer, operation, config } of pairs) {
    for (const [i, parameter] of (operation.parameters ?? []).entries()) {
      const place = `${name} ${parameter.in} ${parameter.name}`
      const at = `${pointer}/parameters/${i}`
      const schema = parameterSchema(config, parameter)
      if (!schema) walk.problems.push(`${place}: no zod schema in the registry`)
      const shown =
        parameter.example !== undefined ||
        Object.keys(parameter.examples ?? {}).length > 0 ||
        walk.hasExample(parameter.schema)
      if (!shown) lacking.push(place)
      if (!schema) continue
      walk.objectSamples(parameter, schema, place, at)
      if (parameter.schema) walk.schemaSamples(parameter.schema, schema, place, `${at}/schema`)
    }

    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      const place = `${name} request body`
      const at = `${pointer}/requestBody/content/${type.replace('/', '~1')}`
      const schema = contentSchema(config.request?.body?.content, type)
      bodySamples(place, at, media, schema)
    }

    const statuses = Object.keys(operation.responses)
    if (!statuses.some((status) => status.startsWith('2'))) lacking.push(`${name} response 2xx`)
    for (const status of statuses) {
      const content = operation.responses[status]!.content
      if (!content) {
        if (status.startsWith('2')) lacking.push(`${name} response ${status}`)
        continue
      }
      const answer = config.responses[status]
      for (const [type, media] of Object.entries(content)) {
        const place = `${name} response ${status}`
        const at = `${pointer}/responses/${status}/content/${type.replace('/', '~1')}`
        const schema =
          answer && 'content' in answer ? contentSchema(answer.content, type) : undefined
        bodySamples(place, at, media, schema)
      }
    }
  }
})

function bodySamples(place: string, at: string, media: MediaType, schema: unknown) {
  const shown =
    media.example !== undefined ||
    Object.keys(media.examples ?? {}).length > 0 ||
    walk.hasExample(media.schema)
  if (!shown) lacking.push(place)
  if (!isZod(schema)) {
    walk.problems.push(`${place}: no zod schema in the registry`)
    return
  }
  walk.objectSamples(media, schema, place, at)
  if (media.schema) walk.schemaSamples(media.schema, schema, place, `${at}/schema`)
}

const describeIssue = (issue: z.core.$ZodIssue) =>
  issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message

describe('/openapi.json examples', () => {
  it('pairs every operation and webhook with its definition', () => {
    expect(walk.problems).toEqual([])
    expect(pairs.length).toBe(
      [doc.paths, doc.webhooks]
        .flatMap((section) => Object.values(section))
        .flatMap((item) => Object.values(item)).length
    )
  })

  it('shows an example of every request body, parameter and answer', () => {
    expect(lacking.filter((place) => !(place in EXCEPTIONS))).toEqual([])
  })

  it('lists as exceptions only places that still lack an example', () => {
    expect(Object.keys(EXCEPTIONS).filter((place) => !lacking.includes(place))).toEqual([])
  })

  it('documents only examples their own zod schemas accept', () => {
    const failures = walk.samples.flatMap(({ place, value, schema }) => {
      const result = schema.safeParse(value)
      return result.success
        ? []
        : [`${place}: ${result.error.issues.map(describeIssue).join('; ')}`]
    })
    expect(failures).toEqual([])
  })

  it('checks every example the document holds', () => {
    const documented = new Set<string>()
    documentedExamples(doc, '#', documented)
    const checked = new Set(walk.samples.map((sample) => sample.pointer))
    expect([...documented].filter((pointer) => !checked.has(pointer))).toEqual([])
  })

  it('uses ids the gateway could have made', () => {
    const kinds = Object.entries(ID_PREFIXES) as [IdKind, string][]
    const pattern = new RegExp(`(?<![\\w-])(${kinds.map(([, p]) => p).join('|')})_\\w+`, 'g')
    const strings = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value) || isJson(value)
          ? Object.values(value).flatMap(strings)
          : []
    const malformed = walk.samples
      .flatMap(({ value }) => strings(value))
      .flatMap((text) => [...text.matchAll(pattern)])
      .filter(([id, prefix]) => !isId(kinds.find(([, p]) => p === prefix)![0], id))
      .map(([id]) => id)
    expect([...new Set(malformed)]).toEqual([])
  })
})
