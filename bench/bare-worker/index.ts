/** The floor the gateway's startup is measured against: a bare Hono worker answering `/health`. */
import { Hono } from 'hono'

export default new Hono().get('/health', (c) => c.json({ status: 'ok' }))
