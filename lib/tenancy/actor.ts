import type { SessionUser } from "../auth/session-user";

/** The audit log's actor for a signed-in person. */
export function userActor(user: Pick<SessionUser, "id" | "email">) {
  return { type: "USER" as const, id: user.id, label: user.email };
}
