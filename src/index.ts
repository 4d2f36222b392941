/** @module The Worker: HTTP, queue consumer and cron, plus the Durable Object classes it exports. */
import { createApp } from './app'
import { consumeQueue } from './queues/consumer'
import { runScheduledJobs } from './scheduled'

export { TenantGuard } from './durable-objects/tenant-guard'

const app = createApp()

export default {
  fetch: app.fetch,
  async queue(batch, env, _ctx) {
    await consumeQueue(batch, env, {
      fetch: (input, init) => fetch(input, init),
      gateway: async (request) => app.fetch(request, env),
      now: () => Date.now(),
    })
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduledJobs(env, controller.scheduledTime))
  },
} satisfies ExportedHandler<Env>
