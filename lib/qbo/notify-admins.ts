import { db } from "../db";
import { env } from "../env";
import { logger } from "../log/logger";
import { sendMail } from "../mail/send-mail";

type Mail = { subject: string; text: string; html: string; link?: string };

/** The Connections page of a workspace, for links in emails. */
export function connectionsUrl(slug: string): string {
  return `${env().appUrl}/w/${slug}/connections`;
}

/** Emails every owner and admin of the workspace. A failed send is logged, never allowed to undo the change. */
export async function notifyAdmins(workspaceId: string, mail: Mail): Promise<number> {
  const admins = await db.membership.findMany({ where: { workspaceId, role: { in: ["OWNER", "ADMIN"] } }, select: { user: { select: { email: true } } } });
  let sent = 0;
  for (const { user } of admins) {
    try {
      await sendMail({ to: user.email, ...mail });
      sent++;
    } catch (error) {
      logger.warn({ err: error, workspaceId }, "could not email an admin about a QuickBooks connection");
    }
  }
  return sent;
}
