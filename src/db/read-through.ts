/**
 * @module D1 values cached in KV. Writers change D1 first and delete the KV entry after; a reader
 * that misses fills the entry from D1. A write that lands between a reader's D1 read and its KV
 * fill would be undone by that fill (the writer's delete came first), so the reader reads D1 once
 * more and, if the value moved, takes its entry back and answers with what D1 says now.
 */

export interface ReadThroughTtl {
  /** How long the entry lives in KV. */
  expirationTtl: number
  /** How long an edge location may serve it without asking KV again. */
  cacheTtl: number
}

/** The value under `key`, from KV when cached, else from `load` (null: nothing to cache). */
export async function readThrough(
  kv: KVNamespace,
  key: string,
  load: () => Promise<string | null>,
  ttl: ReadThroughTtl
): Promise<string | null> {
  const cached = await kv.get(key, { cacheTtl: ttl.cacheTtl })
  if (cached !== null) return cached
  const loaded = await load()
  if (loaded === null) return null
  await kv.put(key, loaded, { expirationTtl: ttl.expirationTtl })
  const again = await load()
  if (again === loaded) return loaded
  await kv.delete(key)
  return again
}
