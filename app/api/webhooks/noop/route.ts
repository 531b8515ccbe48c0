// The benchmark's reference (bench/ingest): a route handler that does nothing, on the same path class and
// build as the real webhook routes, so their throughput can be compared with the framework's own ceiling.
// It exists only when LEDGERWIRE_BENCH=1; otherwise it is a 404 like any unknown path.
export const dynamic = "force-dynamic";

export function POST(): Response {
  if (process.env.LEDGERWIRE_BENCH !== "1") return Response.json({ code: "NOT_FOUND", message: "There is nothing here." }, { status: 404 });
  return Response.json({ received: true });
}
