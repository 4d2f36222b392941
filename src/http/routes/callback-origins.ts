/**
 * @module The origins a tenant allows for merchant `callbackUrl`s (`/v1/config/callback-origins`).
 * A payment's callback must match one exactly (scheme, host, port); loopback origins are accepted
 * for test-environment payments only.
 */

import { listCallbackOrigins, replaceCallbackOrigins } from '../../db/repos/callback-origins'
import { type AllowedOrigin, parseAllowedOrigin } from '../../domain/origins'
import { ApiError } from '../../errors'
import { forgetAllowedOrigins } from '../../payments/allowed-origins'
import { callbackSecretsOf, rotateCallbackSecret } from '../../payments/callback-secrets'
import { servicesOf } from '../../services'
import { route } from '../access'
import { commonErrors, createRouter, errorResponse, jsonBody, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'
import { rotationInProgress } from './webhook-endpoints'

const OriginList = z
  .object({
    success: z.literal(true),
    origins: z.array(
      z.object({
        origin: z.string().openapi({ example: 'https://shop.example.com' }),
        testOnly: z
          .boolean()
          .openapi({ description: 'True for loopback origins: test payments only.' }),
      })
    ),
  })
  .openapi('CallbackOrigins')

/** The shop's site, and its developers' machine for test payments (sorted as stored). */
const originsExample = {
  success: true as const,
  origins: [
    { origin: 'http://localhost:3000', testOnly: true },
    { origin: 'https://shop.example.com', testOnly: false },
  ],
}

const put = route('user', {
  method: 'put',
  path: '/v1/config/callback-origins',
  tags: ['Provider configuration'],
  summary: 'Replace the allowed callback origins',
  request: {
    body: jsonBody(
      z
        .object({
          origins: z
            .array(z.string().max(300))
            .max(50)
            .openapi({ example: ['https://shop.example.com'] }),
        })
        .openapi('PutCallbackOriginsRequest'),
      { example: { origins: ['https://shop.example.com', 'http://localhost:3000'] } }
    ),
  },
  responses: {
    200: jsonResponse(OriginList, 'The stored list.', { example: originsExample }),
    ...commonErrors,
    422: errorResponse(
      'An entry is not an acceptable origin (`invalid_origin`); `details` says why.'
    ),
  },
})

const get = route('user', {
  method: 'get',
  path: '/v1/config/callback-origins',
  tags: ['Provider configuration'],
  summary: 'The allowed callback origins',
  responses: {
    200: jsonResponse(OriginList, 'The stored list.', { example: originsExample }),
    ...commonErrors,
  },
})

const CALLBACK_SECRET_EXAMPLE = 'cbsec_pClIs6GZB98V8RWhaKL15LclW9D_WJRlNS8KbdAdEm0'

const SecretAnswer = z
  .object({
    success: z.literal(true),
    callbackSecret: z.string().openapi({ example: CALLBACK_SECRET_EXAMPLE }),
    previousSecretExpiresAt: z.string().nullable().openapi({
      description:
        'After a rotation: until then the previous secret signs too (`signature` lists both, the current one first).',
    }),
  })
  .openapi('CallbackSecret')

const secret = route('user', {
  method: 'get',
  path: '/v1/config/callback-secret',
  tags: ['Provider configuration'],
  summary: 'The secret that signs the redirects to your callbackUrl (verify `signature` with it)',
  responses: {
    200: jsonResponse(SecretAnswer, 'The secret.', {
      example: {
        success: true,
        callbackSecret: CALLBACK_SECRET_EXAMPLE,
        previousSecretExpiresAt: null,
      },
    }),
    ...commonErrors,
  },
})

const ROTATED_SECRET_EXAMPLE = 'cbsec_4kQ7vRb2XwJm9TfLp3NcYs8HdZa6Ge1UoKiB5nVtMyW'

const rotateSecret = route('user', {
  method: 'post',
  path: '/v1/config/callback-secret/rotate',
  tags: ['Provider configuration'],
  summary: 'Rotate the callback secret; the previous one keeps signing alongside for 24 hours',
  description:
    'One rotation at a time: while the previous secret still signs, the answer is 409 ' +
    '`rotation_in_progress` and the secrets stay as they are.',
  responses: {
    200: jsonResponse(SecretAnswer, 'The new secret.', {
      example: {
        success: true,
        callbackSecret: ROTATED_SECRET_EXAMPLE,
        previousSecretExpiresAt: '2026-12-08T10:00:00.000Z',
      },
    }),
    ...commonErrors,
    409: errorResponse('The previous secret still signs (`rotation_in_progress`).'),
  },
})

const isoOrNull = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString())

export const callbackOriginRoutes = createRouter()
  .openapi(put, async (c) => {
    const problems: { origin: string; problem: string }[] = []
    const unique = new Map<string, AllowedOrigin>()
    for (const input of c.req.valid('json').origins) {
      const result = parseAllowedOrigin(input)
      if ('problem' in result) problems.push({ origin: input, problem: result.problem })
      else unique.set(result.origin, result)
    }
    if (problems.length) {
      throw new ApiError(
        'invalid_origin',
        `${problems.length} origin(s) cannot be allowed.`,
        problems
      )
    }
    const { db, kv, now } = servicesOf(c.env)
    const tenantId = c.get('principal').tenantId
    await replaceCallbackOrigins(db, tenantId, [...unique.values()], now())
    const origins = await listCallbackOrigins(db, tenantId)
    await forgetAllowedOrigins(kv, tenantId)
    return c.json({ success: true as const, origins }, 200)
  })
  .openapi(get, async (c) => {
    const origins = await listCallbackOrigins(servicesOf(c.env).db, c.get('principal').tenantId)
    return c.json({ success: true as const, origins }, 200)
  })
  .openapi(secret, async (c) => {
    const { db, keyring, now } = servicesOf(c.env)
    const secrets = await callbackSecretsOf(db, await keyring(), c.get('principal').tenantId, now())
    return c.json(
      {
        success: true as const,
        callbackSecret: secrets.current,
        previousSecretExpiresAt: isoOrNull(secrets.previousExpiresAt),
      },
      200
    )
  })
  .openapi(rotateSecret, async (c) => {
    const { db, keyring, now } = servicesOf(c.env)
    const rotation = await rotateCallbackSecret(
      db,
      await keyring(),
      c.get('principal').tenantId,
      now()
    )
    if ('busyUntil' in rotation) throw rotationInProgress(rotation.busyUntil)
    return c.json(
      {
        success: true as const,
        callbackSecret: rotation.secret,
        previousSecretExpiresAt: isoOrNull(rotation.previousExpiresAt),
      },
      200
    )
  })
