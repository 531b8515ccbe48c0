import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "./app-error";
import { errorToResponse } from "./http";

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
