import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./app-error";
import { errorToAnswer, errorToResponse } from "./http";

describe("errorToResponse", () => {
  it("answers an AppError with its status, code and sentence", async () => {
    const response = errorToResponse(new AppError("NOT_FOUND", "No such workspace."));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: "NOT_FOUND", message: "No such workspace." });
  });

  it("answers invalid input with 422 and the path of every invalid field", async () => {
    const parsed = z.object({ amount: z.number().int(), lines: z.array(z.object({ currency: z.string().length(3) })) }).safeParse({
      amount: 1.5,
      lines: [{ currency: "EURO" }],
    });
    const response = errorToResponse(parsed.error);
    expect(response.status).toBe(422);
    const body = (await response.json()) as { code: string; details: { errors: { path: string }[] } };
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.details.errors.map((e) => e.path)).toEqual(["amount", "lines.0.currency"]);
  });

  it("hides the details of an unexpected error behind a correlation id", async () => {
    const response = errorToResponse(new Error("connection string postgres://u:secret@db leaked"));
    expect(response.status).toBe(500);
    const body = (await response.json()) as { code: string; message: string; correlationId: string };
    expect(body.code).toBe("INTERNAL");
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// The database refuses some input on its own (a NUL in a text column, a row that is gone, a duplicate): those
// are the caller's doing, so they map to 4xx here, once, rather than each query catching them (CONVENTIONS.md).
describe("errorToAnswer for errors from the database", () => {
  const failureOf = async (query: () => Promise<unknown>) => {
    try {
      await query();
    } catch (error) {
      return errorToAnswer(error);
    }
    throw new Error("the query did not fail");
  };

  it("answers a NUL character PostgreSQL refuses in text with 400 and our own sentence", async () => {
    const { db } = await import("../db");
    const answer = await failureOf(() => db.workspace.findFirst({ where: { slug: "a\u0000b" } }));
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe("BAD_REQUEST");
    expect(answer.body.message).toMatch(/NUL/);
    expect(JSON.stringify(answer.body)).not.toMatch(/UTF8|0x00|byte sequence/);
  });

  it("answers a record that is not there with 404 and a unique violation with 409", async () => {
    const { db } = await import("../db");
    expect((await failureOf(() => db.workspace.update({ where: { id: "no-such-workspace" }, data: { name: "x" } }))).status).toBe(404);
    const slug = `dup-${Date.now()}`;
    await db.workspace.create({ data: { slug, name: "First" } });
    const duplicate = await failureOf(() => db.workspace.create({ data: { slug, name: "Second" } }));
    expect(duplicate).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
  });
});
