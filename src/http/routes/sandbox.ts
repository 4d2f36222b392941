/**
 * @module The built-in sandbox PSP's public surface under `/sandbox`: its hosted 3-D Secure page
 * (for shoppers' browsers) and its signed merchant API (which the sandbox adapter normally reaches
 * in-process). Its own request signatures are its authentication, as with any provider.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { forwardToSandbox } from '../../providers/sandbox/psp'
import { declareAccess } from '../access'

const METHODS = ['GET', 'POST']
const PATHS = ['/sandbox/3ds/:id', '/sandbox/api/*']

for (const path of PATHS) for (const method of METHODS) declareAccess(method, path, 'public')

export const sandboxRoutes = new Hono<AppEnv>().on(METHODS, PATHS, (c) =>
  forwardToSandbox(c.req.raw, c.env)
)
