import type { z } from "zod";
import { AppError } from "../errors/app-error";

/** Reads a JSON body and validates it: 400 when it is not JSON, 422 (via ZodError) when a field is wrong. */
export async function parseJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("BAD_REQUEST", "The request body is not valid JSON.");
  }
  return schema.parse(body);
}
