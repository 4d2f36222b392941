/**
 * @module The built-in sandbox provider needs no credentials: it is a simulated PSP inside the Worker.
 */
import * as z from 'zod'

export const sandboxConfigSchema = z.object({})
