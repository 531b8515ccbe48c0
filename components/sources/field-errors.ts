import { ApiError } from "@/components/ui/api";

// The first message per field, from our own zod check or from the server's 4xx (same schemas, same sentences),
// so each message sits under the field it is about (aria-describedby, components/ui/field.tsx).
export type FieldErrors = Record<string, string>;

export function toFieldErrors(issues: readonly { path: string | PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const { path, message } of issues) {
    const field = (Array.isArray(path) ? path.map(String).join(".") : String(path)).split(".")[0] || "form";
    errors[field] ??= message;
  }
  return errors;
}

export function errorsOf(error: unknown): FieldErrors {
  if (error instanceof ApiError && error.details?.errors) return toFieldErrors(error.details.errors);
  return error instanceof Error ? { form: error.message } : {};
}
