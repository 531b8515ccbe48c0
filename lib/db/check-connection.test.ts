import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import { freePort } from "../../scripts/lib/free-port";
import { checkConnection } from "./check-connection";

describe("checkConnection", () => {
  it("accepts the test database", async () => {
    await expect(checkConnection(inject("databaseUrl"))).resolves.toBeUndefined();
  });

  it("explains a wrong DATABASE_URL in one line, without the password", async () => {
    const port = await freePort();
    const error = await checkConnection(`postgresql://app:s3cret-pw@localhost:${port}/ledgerwire`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toBe(
      `Cannot connect to PostgreSQL at localhost:${port}/ledgerwire: nothing is listening there. Check DATABASE_URL (or unset it to use the embedded database).`,
    );
    expect(message).not.toContain("s3cret-pw");
  });

  it("says when the password is refused and when the database does not exist", async () => {
    const url = new URL(inject("databaseUrl"));
    url.password = "wrong-password";
    await expect(checkConnection(url.toString())).rejects.toThrow(/the user name or password was refused/);
    const missing = new URL(inject("databaseUrl"));
    missing.pathname = "/no_such_database_here";
    await expect(checkConnection(missing.toString())).rejects.toThrow(/that database does not exist/);
  });
});
