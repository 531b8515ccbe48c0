// The browser side of our JSON APIs: errors arrive as { code, message, details } and become an Error whose
// message is the server's human sentence.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { errors?: { path: string; message: string }[] },
  ) {
    super(message);
  }
}

export async function callApi<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => ({}))) as { code?: string; message?: string; details?: ApiError["details"] };
  if (!response.ok) {
    const fieldErrors = data.details?.errors?.map((e) => e.message).join(" ");
    throw new ApiError(response.status, data.code ?? "ERROR", fieldErrors || data.message || `Request failed (${response.status}).`, data.details);
  }
  return data as T;
}
