// Bindings come from worker-configuration.d.ts (`wrangler types`); tests add the migrations list.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** Inputs per route for the route fuzzer: 250 in `npm test`, 5,000 in `npm run test:fuzz`. */
    FUZZ_RUNS_PER_ROUTE: string
  }
}

/** Vite's raw imports (`import text from './file.md?raw'`): the file's text, at build time. */
declare module '*?raw' {
  const text: string
  export default text
}
