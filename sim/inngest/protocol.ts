// Reading the serve handler's answers, and matching event names: small helpers of the executor.

/** Trigger names may end in or contain `*` ("app/*"). */
export function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (!pattern.includes("*")) return false;
  const regex = new RegExp(`^${pattern.split("*").map(escapeRegex).join(".*")}$`);
  return regex.test(name);
}
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function parseJson(text: string): unknown {
  if (text === "") return null;
  return JSON.parse(text) as unknown;
}

/** The body as JSON, or the text itself when it is not JSON (a proxy's HTML error page, say). */
export function parseJsonOr(text: string): unknown {
  try {
    return parseJson(text);
  } catch {
    return text;
  }
}

export function errorMessage(body: unknown, fallback: string): string {
  if (body && typeof body === "object") {
    const b = body as { message?: unknown; error?: unknown; name?: unknown };
    const message = typeof b.message === "string" ? b.message : typeof b.error === "string" ? b.error : undefined;
    if (message) return typeof b.name === "string" && b.name !== "Error" ? `${b.name}: ${message}` : message;
  }
  if (typeof body === "string" && body) return body;
  return fallback;
}

/** Retry-After as the SDK sends it: whole seconds, or an HTTP/ISO date. */
export function retryAfterMs(headers: Headers | null): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
