import { AppError } from "@/lib/errors/app-error";
import { errorToResponse } from "@/lib/errors/http";

// Every other address under /api/v1 is a JSON 404. The session proxy skips /api/v1 (the events API authenticates
// each request itself), so without this an unknown path fell through to the not-found page, where Next reads a
// multipart POST as a server action and answered 500 (bench/soak found it).
export const dynamic = "force-dynamic";

function notFound(): Response {
  return errorToResponse(new AppError("NOT_FOUND", "There is no events API endpoint at this address; the endpoints are listed at /docs/api."));
}

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
