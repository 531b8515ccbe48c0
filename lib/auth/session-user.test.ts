import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createUser } from "../../test/fixtures";
import { sessionCookie } from "../../test/http";
import { authSecret } from "./secret";
import { sessionCookieName } from "./session-cookie";
import { getSessionUser } from "./session-user";

const request = (cookie?: string) => new Request("http://localhost:3000/api/x", { headers: cookie ? { cookie } : {} });

describe("getSessionUser", () => {
  it("finds the user of a valid session cookie", async () => {
    const user = await createUser("session");
    expect(await getSessionUser(request(await sessionCookie(user.id)))).toEqual({ id: user.id, email: user.email, name: user.name });
  });

  it("refuses an expired session, a forged one and a deleted user's leftover cookie", async () => {
    const user = await createUser("expired");
    const name = sessionCookieName();
    const expired = await encode({ token: { uid: user.id }, secret: authSecret(), salt: name, maxAge: -60 });
    expect(await getSessionUser(request(`${name}=${expired}`))).toBeNull();

    const forged = await encode({ token: { uid: user.id }, secret: "another-secret-another-secret-1234", salt: name, maxAge: 3600 });
    expect(await getSessionUser(request(`${name}=${forged}`))).toBeNull();

    const cookie = await sessionCookie(user.id);
    await db.user.delete({ where: { id: user.id } });
    expect(await getSessionUser(request(cookie))).toBeNull();
    expect(await getSessionUser(request())).toBeNull();
  });
});
