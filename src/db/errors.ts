/** @module Recognising D1 failures the code expects and handles. */

/** True when D1 refused a write because of a UNIQUE constraint. */
export const isUniqueViolation = (error: unknown): boolean =>
  /UNIQUE constraint failed/i.test(String((error as { cause?: unknown })?.cause ?? error))
