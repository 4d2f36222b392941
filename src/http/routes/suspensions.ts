/**
 * @module The administrator suspends a tenant or a user (`PUT`) and lifts it (`DELETE`). The
 * suspension lives in the tenant's Durable Object, which every authenticated request already asks,
 * so it takes effect on the very next request: access tokens, API keys, refreshes and sign-ins are
 * refused with 403 `account_suspended`. The administrator cannot suspend itself or its own tenant.
 * Deleting a user suspends it for good first, so its unexpired access tokens die with it.
 */

import { EXAMPLE_IDS } from '#document-only'
import { deleteUser, findTenantById, findUserById } from '../../db/repos/users'
import { ApiError } from '../../errors'
import { servicesOf } from '../../services'
import { route } from '../access'
import { commonErrors, createRouter, errorResponse, jsonResponse } from '../openapi'
import * as z from '../openapi-zod'

const EXAMPLE_USER = 'usr_01M8NTXDM0QAZNAGWKN4CZ86S3'

const Suspension = z
  .object({
    success: z.literal(true),
    tenantId: z.string(),
    userId: z.string().optional(),
    suspended: z.boolean(),
  })
  .openapi('Suspension')

const DeletedUser = z
  .object({
    success: z.literal(true),
    tenantId: z.string(),
    userId: z.string(),
    deleted: z.literal(true),
  })
  .openapi('DeletedUser')

const TenantParam = z.object({
  tenantId: z.string().max(64).openapi({ example: EXAMPLE_IDS.tenant }),
})
const UserParam = z.object({ userId: z.string().max(64).openapi({ example: EXAMPLE_USER }) })

const errors = {
  ...commonErrors,
  404: errorResponse('No such tenant or user (`not_found`).'),
}

const exampleOf = (suspended: boolean, userId?: string) => ({
  success: true as const,
  tenantId: EXAMPLE_IDS.tenant,
  ...(userId ? { userId } : {}),
  suspended,
})

const tenantSuspension = (method: 'put' | 'delete', summary: string) =>
  route('admin', {
    method,
    path: '/v1/admin/tenants/{tenantId}/suspension',
    tags: ['Auth'],
    summary,
    request: { params: TenantParam },
    responses: {
      200: jsonResponse(Suspension, 'The suspension as it is now.', {
        example: exampleOf(method === 'put'),
      }),
      ...errors,
    },
  })

const userSuspension = (method: 'put' | 'delete', summary: string) =>
  route('admin', {
    method,
    path: '/v1/admin/users/{userId}/suspension',
    tags: ['Auth'],
    summary,
    request: { params: UserParam },
    responses: {
      200: jsonResponse(Suspension, 'The suspension as it is now.', {
        example: exampleOf(method === 'put', EXAMPLE_USER),
      }),
      ...errors,
    },
  })

const suspendTenant = tenantSuspension(
  'put',
  'Suspend a tenant: its tokens and API keys are refused from the next request on'
)
const liftTenant = tenantSuspension('delete', "Lift a tenant's suspension")
const suspendUser = userSuspension(
  'put',
  'Suspend a user: its access and refresh tokens are refused from the next request on'
)
const liftUser = userSuspension('delete', "Lift a user's suspension")
const removeUser = route('admin', {
  method: 'delete',
  path: '/v1/admin/users/{userId}',
  tags: ['Auth'],
  summary:
    'Delete a user: its sessions end, and its unexpired access tokens are refused from the next request on',
  request: { params: UserParam },
  responses: {
    200: jsonResponse(DeletedUser, 'The user is deleted.', {
      example: { success: true, tenantId: EXAMPLE_IDS.tenant, userId: EXAMPLE_USER, deleted: true },
    }),
    ...errors,
  },
})

async function tenantOf(env: Env, administratorTenant: string, tenantId: string) {
  const services = servicesOf(env)
  if (!(await findTenantById(services.db, tenantId)))
    throw new ApiError('not_found', 'No such tenant.')
  if (tenantId === administratorTenant)
    throw new ApiError('forbidden', 'The administrator cannot suspend its own tenant.')
  return services.guard(`tenant:${tenantId}`)
}

export const suspensionRoutes = createRouter()
  .openapi(suspendTenant, async (c) => {
    const { tenantId } = c.req.valid('param')
    const guard = await tenantOf(c.env, c.get('principal').tenantId, tenantId)
    await guard.suspend('tenant', servicesOf(c.env).now())
    return c.json({ success: true as const, tenantId, suspended: true }, 200)
  })
  .openapi(liftTenant, async (c) => {
    const { tenantId } = c.req.valid('param')
    await (await tenantOf(c.env, c.get('principal').tenantId, tenantId)).lift('tenant')
    return c.json({ success: true as const, tenantId, suspended: false }, 200)
  })
  .openapi(suspendUser, async (c) => {
    const { userId } = c.req.valid('param')
    const { user, guard } = await userOf(c.env, c.get('principal').subject, userId)
    await guard.suspend(user.id, servicesOf(c.env).now())
    return c.json({ success: true as const, tenantId: user.tenantId, userId, suspended: true }, 200)
  })
  .openapi(liftUser, async (c) => {
    const { userId } = c.req.valid('param')
    const { user, guard } = await userOf(c.env, c.get('principal').subject, userId)
    await guard.lift(user.id)
    return c.json(
      { success: true as const, tenantId: user.tenantId, userId, suspended: false },
      200
    )
  })

  .openapi(removeUser, async (c) => {
    const { userId } = c.req.valid('param')
    const { user, guard } = await userOf(c.env, c.get('principal').subject, userId)
    // Suspended first: an access token outlives the row it was issued for.
    await guard.suspend(user.id, servicesOf(c.env).now())
    await deleteUser(servicesOf(c.env).db, user.id)
    return c.json(
      { success: true as const, tenantId: user.tenantId, userId, deleted: true as const },
      200
    )
  })

async function userOf(env: Env, administrator: string, userId: string) {
  const services = servicesOf(env)
  const user = await findUserById(services.db, userId)
  if (!user) throw new ApiError('not_found', 'No such user.')
  if (user.id === administrator)
    throw new ApiError('forbidden', 'The administrator cannot suspend or delete itself.')
  return { user, guard: services.guard(`tenant:${user.tenantId}`) }
}
