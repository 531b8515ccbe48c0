import { AppError } from "../errors/app-error";

/**
 * Reads the request body as the exact bytes sent (signatures are computed over bytes; `text()` would re-encode
 * them), refusing more than `maxBytes` before buffering it all.
 */
export function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  // Node's web streams are async iterable (the DOM typings do not say so); leaving the loop cancels the stream.
  const body = (request.body ?? []) as AsyncIterable<Uint8Array> | Uint8Array[];
  return readLimited(body, request.headers.get("content-length"), maxBytes);
}

/**
 * The bytes of a body arriving in chunks (a fetch body or a Node request), refused with PAYLOAD_TOO_LARGE as
 * soon as the declared length or the bytes read pass `maxBytes`. Leaving the loop early cancels the stream.
 */
export async function readLimited(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, declaredLength: string | null, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(declaredLength ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    kept.push(chunk);
  }
  return kept.length === 1 ? kept[0]! : Buffer.concat(kept);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${Math.round(maxBytes / 1024)} KiB.`, { maxBytes });
}

const decoder = new TextDecoder("utf-8", { fatal: true });

const NOT_JSON = "The body is not valid JSON: send one JSON value in UTF-8, with names and strings in double quotes and no trailing commas.";

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * Parses JSON for storage. PostgreSQL's jsonb cannot hold the NUL character, so a body containing \u0000 is
 * reported as unparseable (and kept as bytes) rather than failing the insert with a 500.
 */
export function parseJsonBody(bytes: Uint8Array, parse: (text: string) => unknown = JSON.parse): ParsedJson {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, error: "The body is not valid UTF-8." };
  }
  if (text.includes("\\u0000")) return { ok: false, error: "The body contains a NUL character (\\u0000), which cannot be stored." };
  if (hasLoneSurrogateEscape(text)) return { ok: false, error: "The body contains an unpaired UTF-16 surrogate escape (such as \\ud800), which is not valid Unicode." };
  if (text.trim() === "") return { ok: false, error: "The body is not valid JSON: it is empty." };
  try {
    return { ok: true, value: parse(text) };
  } catch {
    // Not the parser's message: it varies by engine, and echoes the sender's bytes back at them.
    return { ok: false, error: NOT_JSON };
  }
}

const SURROGATE_ESCAPE = /\\u([dD][89a-fA-F][0-9a-fA-F]{2})/g;

/** True when the backslash at `at` is itself escaped (an odd number of backslashes precede it). */
function isEscapedBackslash(text: string, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && text[i] === "\\"; i--) count++;
  return count % 2 === 1;
}

/** jsonb refuses a \\uD800-\\uDFFF escape that is not half of a pair; JSON.parse does not. */
function hasLoneSurrogateEscape(text: string): boolean {
  if (!/\\u[dD][89a-fA-F]/.test(text)) return false;
  let expectLowAt = -1;
  for (const match of text.matchAll(SURROGATE_ESCAPE)) {
    if (isEscapedBackslash(text, match.index)) continue; // "\\\\ud800" is a backslash, then text
    const code = parseInt(match[1]!, 16);
    const isHigh = code < 0xdc00;
    if (expectLowAt !== -1) {
      if (isHigh || match.index !== expectLowAt) return true;
      expectLowAt = -1;
    } else if (isHigh) {
      expectLowAt = match.index + 6;
    } else {
      return true;
    }
  }
  return expectLowAt !== -1;
}

/** The headers worth keeping with a delivery: never cookies or credentials. */
export function keptHeaders(request: { header(name: string): string | null }, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["content-type", "user-agent", ...names]) {
    const value = request.header(name);
    if (value !== null) kept[name] = value.slice(0, 1000);
  }
  return kept;
}
