/** The OpenAPI → Postman converter behind clients/postman (scripts/postman-collection.ts). */
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_BASE_URL,
  type OpenApiDocument,
  POSTMAN_SCHEMA_URL,
  stableId,
  toPostmanCollection,
} from '../scripts/postman-collection'
import { call } from './helpers/http'

const document = {
  info: { title: 'Things API', version: '2.0.0', description: 'Things.' },
  paths: {
    '/v1/things/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { example: 'th_1' } }],
      get: {
        operationId: 'getThing',
        summary: 'A thing',
        tags: ['Things'],
        security: [{ bearer: [] }],
        parameters: [
          { name: 'q', in: 'query', required: true, example: 'red' },
          { $ref: '#/components/parameters/Limit' },
        ],
      },
    },
    '/v1/things': {
      post: {
        operationId: 'createThing',
        summary: 'Create a thing',
        tags: ['Things'],
        security: [{ bearer: [] }],
        parameters: [{ name: 'idempotency-key', in: 'header', required: false }],
        requestBody: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
        },
      },
    },
    '/v1/things/{id}/copy': {
      post: {
        operationId: 'copyThing',
        summary: 'Copy a thing',
        tags: ['Things'],
        security: [{ bearer: [] }],
        requestBody: {
          content: {
            'application/json': {
              schema: { allOf: [{ $ref: '#/components/schemas/Thing' }, { type: 'object' }] },
            },
          },
        },
      },
    },
    '/health': {
      get: { operationId: 'getHealth', summary: 'Health', tags: ['Operations'], security: [] },
    },
    '/v1/callback': {
      post: {
        operationId: 'callBack',
        requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
      },
    },
  },
  components: {
    parameters: { Limit: { name: 'limit', in: 'query', schema: { default: 20 } } },
    schemas: { Thing: { type: 'object', example: { name: 'a thing', colour: 'red' } } },
  },
} as OpenApiDocument

const collection = toPostmanCollection(document)
const request = (folder: string, index: number) =>
  collection.item.find((f) => f.name === folder)!.item[index]!

describe('toPostmanCollection', () => {
  it('makes a v2.1 collection with baseUrl and bearer {{token}} at the collection level', () => {
    expect(collection.info).toMatchObject({ name: 'Things API', schema: POSTMAN_SCHEMA_URL })
    expect(collection.variable).toContainEqual({
      key: 'baseUrl',
      value: DEFAULT_BASE_URL,
      type: 'string',
    })
    expect(collection.auth).toEqual({
      type: 'bearer',
      bearer: [{ key: 'token', value: '{{token}}', type: 'string' }],
    })
  })

  it('puts each operation in its first tag’s folder, untagged ones in Other, named with the operationId', () => {
    expect(collection.item.map((f) => [f.name, f.item.map((r) => r.name)])).toEqual([
      [
        'Things',
        ['A thing (getThing)', 'Create a thing (createThing)', 'Copy a thing (copyThing)'],
      ],
      ['Operations', ['Health (getHealth)']],
      ['Other', ['POST /v1/callback (callBack)']],
    ])
  })

  it('turns path parameters into :variables and leaves optional query parameters disabled', () => {
    expect(request('Things', 0).request.url).toEqual({
      raw: '{{baseUrl}}/v1/things/:id?q=red',
      host: ['{{baseUrl}}'],
      path: ['v1', 'things', ':id'],
      query: [
        { key: 'q', value: 'red', disabled: false },
        { key: 'limit', value: '20', disabled: true },
      ],
      variable: [{ key: 'id', value: 'th_1' }],
    })
  })

  it('sends a fresh {{$guid}} Idempotency-Key and the schema’s example (or {}) as the JSON body', () => {
    const { header, body } = request('Things', 1).request
    expect(header).toEqual([
      { key: 'Content-Type', value: 'application/json' },
      { key: 'Idempotency-Key', value: '{{$guid}}' },
    ])
    expect(JSON.parse(body!.raw)).toEqual({ name: 'a thing', colour: 'red' })
    expect(JSON.parse(request('Things', 2).request.body!.raw)).toEqual({
      name: 'a thing',
      colour: 'red',
    })
    expect(JSON.parse(request('Other', 0).request.body!.raw)).toEqual({})
  })

  it('gives operations without security no auth, and the others the collection’s', () => {
    expect(request('Operations', 0).request.auth).toEqual({ type: 'noauth' })
    expect(request('Other', 0).request.auth).toEqual({ type: 'noauth' })
    expect(request('Things', 1).request.auth).toBeUndefined()
  })

  it('derives the same UUID-shaped ids from the same names, every run', () => {
    expect(toPostmanCollection(document)).toEqual(collection)
    expect(request('Things', 1).id).toBe(stableId('createThing'))
    expect(stableId('createThing')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
    )
    expect(stableId('createThing')).not.toBe(stableId('getThing'))
  })

  it('converts the gateway’s own document: every operation once, the public ones without auth', async () => {
    const served = (await call<OpenApiDocument>('GET', '/openapi.json')).body
    const requests = toPostmanCollection(served).item.flatMap((folder) => folder.item)
    const operationIds = Object.values(served.paths).flatMap((item) =>
      Object.values(item).flatMap((op) => (op && 'operationId' in op ? [op.operationId] : []))
    )
    expect(requests.map((r) => r.name.match(/\((\w+)\)$/)?.[1]).sort()).toEqual(operationIds.sort())
    const named = (id: string) => requests.find((r) => r.name.endsWith(`(${id})`))!.request
    expect(named('getHealth').auth).toEqual({ type: 'noauth' })
    expect(named('createPayment').auth).toBeUndefined()
    expect(named('createPayment').url.raw).toBe('{{baseUrl}}/v1/payments/:provider')
  })
})
