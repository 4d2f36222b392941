/**
 * @module zod, with `.openapi()` on every schema. Import it as a namespace
 * (`import * as z from './openapi-zod'`): the bundler then keeps only the parts of zod in use,
 * where `import { z }` would keep all of it, its 50 locales included.
 */
import '@hono/zod-openapi'

export * from 'zod'
