/** @module The Worker: HTTP, queue consumer and cron, plus the Durable Object classes it exports. */
import { createApp } from './app'
import { runScheduledJobs } from './scheduled'

export { TenantGuard } from './durable-objects/tenant-guard'

const app = createApp()

export default {
  fetch: app.fetch,
  async queue(batch, _env, _ctx) {
    // Merchant notifications are not produced yet; keep anything unexpected for inspection.
    for (const message of batch.messages) {
      console.warn(
        JSON.stringify({ event: 'unexpected_queue_message', queue: batch.queue, id: message.id })
      )
      message.retry()
    }
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduledJobs(env, controller.scheduledTime))
  },
} satisfies ExportedHandler<Env>
