import { z } from "zod";
import { AppError } from "../errors/app-error";
import { errorToResponse } from "../errors/http";

// The Inngest SDK's serve handler trusts its caller to speak the protocol: a body that is not JSON throws out of
// the route (a 500 from Next), and a JSON body of the wrong shape, or a function id this app does not have, is
// answered 500 with the SDK's stack trace and this machine's absolute paths. Inngest treats a 500 as "retry",
// so nothing but a real run may answer it. This guard answers 400 (our error body, no internals) for requests
// that cannot be a call of the protocol, and hands everything else to the SDK untouched.

type RouteHandler<Req extends Request, Ctx> = (request: Req, context: Ctx) => Promise<Response>;
type Served<Req extends Request, Ctx> = { GET: RouteHandler<Req, Ctx>; POST: RouteHandler<Req, Ctx>; PUT: RouteHandler<Req, Ctx> };

// The envelope the SDK parses before it runs anything (parseFnData in inngest/helpers/functions), no stricter:
// whatever the SDK accepts passes, so the real protocol is unchanged.
const record = z.record(z.string(), z.unknown());
const RunRequestSchema = z.object({
  version: z.union([z.literal(-1), z.literal(1), z.literal(2)]).optional(),
  event: record,
  events: z.array(record).optional(),
  steps: record.optional(),
  defers: z.record(z.string(), z.object({ abortable: z.boolean().optional() })).optional(),
  ctx: z
    .object({
      run_id: z.string(),
      fn_id: z.string().optional(),
      attempt: z.number().optional(),
      max_attempts: z.number().optional(),
      disable_immediate_execution: z.boolean().optional(),
      use_api: z.boolean().optional(),
      qi_id: z.string().optional(),
      stack: z.object({ stack: z.array(z.string()).nullable(), current: z.number() }).nullable().optional(),
    })
    .nullable()
    .optional(),
});

const NOT_A_CALL = "This address runs Ledgerwire's background jobs and answers only Inngest's protocol";

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", `${NOT_A_CALL}: the body is not valid JSON.`);
  }
}

async function checkRunRequest(request: Request, functionIds: ReadonlySet<string>): Promise<void> {
  const search = new URL(request.url).searchParams;
  if (search.has("probe")) return; // the SDK answers its probes itself, unknown ones with 400
  const fnId = search.get("fnId");
  if (!fnId || !functionIds.has(fnId)) {
    throw new AppError("BAD_REQUEST", `${NOT_A_CALL}: the fnId parameter must name one of this app's functions.`, { functions: [...functionIds] });
  }
  const text = await request.clone().text();
  if (text === "") throw new AppError("BAD_REQUEST", `${NOT_A_CALL}: a function run request has a body, and this one is empty.`);
  const parsed = RunRequestSchema.safeParse(readJson(text));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "body");
    throw new AppError("BAD_REQUEST", `${NOT_A_CALL}: the body is not a function run request.`, { fields: [...new Set(fields)] });
  }
}

// The SDK refuses an unsigned call (outside dev mode) with a bare {"message":"Unauthorized"}: said in our shape.
function withOurRefusal(response: Response): Response {
  if (response.status !== 401) return response;
  return errorToResponse(new AppError("SIGNATURE_INVALID", "This request is not signed with this app's Inngest signing key."));
}

/** The serve handler's routes, with calls that cannot be Inngest's refused with 400 before the SDK sees them. */
export function guardInngestRoute<Req extends Request, Ctx>(served: Served<Req, Ctx>, functionIds: readonly string[]): Served<Req, Ctx> {
  const known = new Set(functionIds);
  return {
    GET: served.GET,
    POST: async (request: Req, context: Ctx) => {
      try {
        await checkRunRequest(request, known);
      } catch (error) {
        return errorToResponse(error);
      }
      return withOurRefusal(await served.POST(request, context));
    },
    PUT: async (request: Req, context: Ctx) => {
      // A sync carries no body, or a JSON one; the SDK parses it before anything else and throws on the rest.
      const text = await request.clone().text();
      if (text !== "") {
        try {
          readJson(text);
        } catch (error) {
          return errorToResponse(error);
        }
      }
      return withOurRefusal(await served.PUT(request, context));
    },
  };
}
