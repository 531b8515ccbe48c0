import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors/app-error";
import type { WorkspaceContext } from "../tenancy/with-workspace";
import { createConnectState } from "./connect-state";
import { qboApp } from "./endpoints";
import { authorizeUrl } from "./intuit-oauth";

export const StartConnectSchema = z.strictObject({
  environment: z.enum(["SANDBOX", "PRODUCTION"]).optional(),
  /** Reconnect this connection (its environment is kept). */
  connectionId: z.string().min(1).max(100).optional(),
});

/** Begins Connect or Reconnect: answers the Intuit URL the browser goes to next. */
export async function startConnect(ctx: WorkspaceContext, input: z.infer<typeof StartConnectSchema>): Promise<{ authorizeUrl: string }> {
  let environment = input.environment;
  if (input.connectionId) {
    const connection = await db.qboConnection.findFirst({ where: { id: input.connectionId, workspaceId: ctx.tenantId }, select: { environment: true } });
    if (!connection) throw new AppError("NOT_FOUND", "There is no such QuickBooks connection in this workspace.");
    environment = connection.environment;
  }
  if (!environment) throw new AppError("VALIDATION_FAILED", "Choose sandbox or production.", { errors: [{ path: "environment", message: "Required" }] });
  const app = qboApp(environment);
  if (!app) {
    const vars = environment === "SANDBOX" ? "INTUIT_SANDBOX_CLIENT_ID and INTUIT_SANDBOX_CLIENT_SECRET" : "INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET";
    throw new AppError("CONFLICT", `QuickBooks ${environment.toLowerCase()} is not set up on this server: an operator must set ${vars}.`);
  }
  const state = await createConnectState({ userId: ctx.user.id, workspaceId: ctx.tenantId, environment, connectionId: input.connectionId });
  return { authorizeUrl: authorizeUrl(app, state) };
}
