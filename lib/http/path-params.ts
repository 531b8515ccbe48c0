import { AppError } from "../errors/app-error";

// Every slug, id and token this app puts in a path is a short run of printable characters (slugs up to 40, ids
// 25, tokens 43). A path parameter with a control character (PostgreSQL refuses NUL in text outright), an
// unpaired surrogate, or hundreds of characters names nothing we could hold, so it is a 404 before any lookup.
const MAX_PARAM_LENGTH = 200;
const UNSTORABLE = /[\u0000-\u001f\u007f]|\p{Cs}/u;

export function isPlainPathParam(value: string): boolean {
  return value.length <= MAX_PARAM_LENGTH && !UNSTORABLE.test(value);
}

/** Throws NOT_FOUND unless every path parameter (catch-all segments too) is plain. */
export function assertPlainPathParams(params: unknown): void {
  if (typeof params !== "object" || params === null) return;
  const values = Object.values(params).flat();
  if (values.some((value) => typeof value === "string" && !isPlainPathParam(value))) {
    throw new AppError("NOT_FOUND", "There is nothing at this address: a part of its path is not an id we could have given out.");
  }
}
