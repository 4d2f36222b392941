// Bindings come from worker-configuration.d.ts (`wrangler types`); tests add the migrations list.
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
  }
}
