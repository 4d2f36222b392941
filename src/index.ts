/**
 * @module The Worker: HTTP, queue consumer and cron, plus the Durable Object classes it exports.
 * Everything but the Durable Object is imported on first use (`src/http/route-groups.ts`), so a
 * new isolate starts without building routes and schemas it may never need.
 */
import { dispatch } from './http/route-groups'

export { TenantGuard } from './durable-objects/tenant-guard'

export default {
  fetch: dispatch,
  async queue(batch, env, _ctx) {
    const { consumeQueue } = await import('./queues/consumer')
    await consumeQueue(batch, env, {
      fetch: (input, init) => fetch(input, init),
      gateway: async (request) => dispatch(request, env),
      now: () => Date.now(),
    })
  },
  async scheduled(controller, env, ctx) {
    const { runScheduledJobs } = await import('./scheduled')
    ctx.waitUntil(runScheduledJobs(env, controller.scheduledTime))
  },
} satisfies ExportedHandler<Env>
