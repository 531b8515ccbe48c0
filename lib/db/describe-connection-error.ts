// Turns a failed connection into one sentence a person can act on, instead of a driver stack trace. The URL's
// password is never included.

type PgLikeError = { code?: string; message?: string; errors?: PgLikeError[] };

function where(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "the configured server";
  }
}

export function describeConnectionError(error: unknown, databaseUrl: string): string {
  const err = (error ?? {}) as PgLikeError;
  // `pg` reports a refused connection on a dual-stack host as an AggregateError of one error per address.
  const code = err.code ?? err.errors?.[0]?.code;
  const at = where(databaseUrl);
  const reason =
    code === "ECONNREFUSED"
      ? "nothing is listening there"
      : code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? "the host name does not resolve"
        : code === "ETIMEDOUT"
          ? "the connection timed out"
          : code === "28P01" || code === "28000"
            ? "the user name or password was refused"
            : code === "3D000"
              ? "that database does not exist"
              : (err.message ?? String(error)).split("\n")[0];
  return `Cannot connect to PostgreSQL at ${at}: ${reason}. Check DATABASE_URL (or unset it to use the embedded database).`;
}
