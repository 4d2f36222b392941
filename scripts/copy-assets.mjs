// Static assets the Worker serves from `public/`, copied after every `npm install` / `npm ci` and
// by `npm run generate` and `npm run dev`: Swagger UI for `/docs` and uPlot for the chart of
// `/dashboard`, from npm so the versions are the ones package-lock.json pins, and the generated
// OpenAPI document and error code reference.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const copies = [
  [
    'node_modules/swagger-ui-dist/swagger-ui-bundle.js',
    'public/vendor/swagger-ui/swagger-ui-bundle.js',
  ],
  ['node_modules/swagger-ui-dist/swagger-ui.css', 'public/vendor/swagger-ui/swagger-ui.css'],
  ['node_modules/swagger-ui-dist/LICENSE', 'public/vendor/swagger-ui/LICENSE'],
  ['node_modules/uplot/dist/uPlot.iife.min.js', 'public/vendor/uplot/uPlot.iife.min.js'],
  ['node_modules/uplot/dist/uPlot.min.css', 'public/vendor/uplot/uPlot.min.css'],
  ['node_modules/uplot/LICENSE', 'public/vendor/uplot/LICENSE'],
  // The OpenAPI document the Worker serves at /openapi.json (src/http/openapi-runtime.ts).
  ['docs/openapi.json', 'public/vendor/openapi.json'],
  // The error code reference the Worker serves at /docs/errors (src/http/routes/error-docs.ts).
  ['docs/errors.html', 'public/vendor/errors.html'],
]
for (const [from, to] of copies) {
  const source = join(root, from)
  // Installed without dev dependencies (a production-only install): nothing to copy.
  if (!existsSync(source)) continue
  mkdirSync(dirname(join(root, to)), { recursive: true })
  copyFileSync(source, join(root, to))
}
