import { AppError } from "../errors/app-error";

/**
 * Reads the request body as the exact bytes sent (signatures are computed over bytes; `text()` would re-encode
 * them), refusing more than `maxBytes` before buffering it all.
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${Math.round(maxBytes / 1024)} KiB.`, { maxBytes });
}

const decoder = new TextDecoder("utf-8", { fatal: true });

export type ParsedJson = { ok: true; value: unknown; text: string } | { ok: false; error: string };

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
  try {
    return { ok: true, value: parse(text), text };
  } catch (error) {
    return { ok: false, error: `The body is not valid JSON: ${(error as Error).message}` };
  }
}

/** The headers worth keeping with a delivery: never cookies or credentials. */
export function keptHeaders(request: Request, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ["content-type", "user-agent", ...names]) {
    const value = request.headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 1000);
  }
  return kept;
}
