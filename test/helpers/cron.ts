import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import worker from '../../src/index'

/** Runs the Worker's cron once, as Cloudflare would at `scheduledTime`, and waits for all of it. */
export async function runCron(scheduledTime: number = Date.now()) {
  const ctx = createExecutionContext()
  await worker.scheduled(
    createScheduledController({ scheduledTime, cron: '*/5 * * * *' }),
    env,
    ctx
  )
  await waitOnExecutionContext(ctx)
}
