import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { ROUTE_GROUPS, routeGroupOf } from '../../src/http/route-groups'

interface RouteEntry {
  method: string
  path: string
}

const concrete = (path: string) => path.replace(/:\w+/g, 'x').replace(/\*/g, 'x')
const endpoints = (routes: readonly RouteEntry[]) =>
  routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`)

describe('route groups', () => {
  it('hold every route of the whole application under their prefixes', async () => {
    const whole = endpoints(createApp().routes)
    const built = new Map(
      await Promise.all(
        ROUTE_GROUPS.map(
          async (group) =>
            [
              group.name,
              endpoints(((await group.load()) as ReturnType<typeof createApp>).routes),
            ] as const
        )
      )
    )
    const covered = whole.filter((endpoint) => {
      const group = routeGroupOf(concrete(endpoint.split(' ')[1]!))
      if (group.name === 'whole') return false
      expect(built.get(group.name), `${endpoint} in group ${group.name}`).toContain(endpoint)
      return true
    })
    // Most of the API is served by a group; the rest (pages, docs) by the whole application.
    expect(covered.length).toBeGreaterThan(whole.length / 2)
  })

  it('send paths outside every prefix to the whole application', () => {
    for (const path of [
      '/docs',
      '/openapi.json',
      '/dashboard',
      '/docs/errors',
      '/nope',
      '/v1/nope',
    ])
      expect(routeGroupOf(path).name, path).toBe('whole')
    expect(routeGroupOf('/v1/payments/sandbox').name).toBe('payments')
    expect(routeGroupOf('/health').name).toBe('health')
  })
})
