import { createTransport } from "nodemailer";
import { db } from "../db";
import { env, type Env } from "../env";
import { AppError } from "../errors/app-error";
import { logger } from "../log/logger";

/**
 * Demo mode without SMTP: email is kept in the local mailbox (/dev/mailbox) instead of being sent. In production
 * only when DEV_MAILBOX=true (lib/env.ts): the mailbox holds working sign-in links.
 */
export function usesDemoMailbox(e: Env = env()): boolean {
  return e.devMailbox;
}

export type MailboxAccess = "OPEN" | "SIGN_IN" | "REFUSED" | "OFF";

/**
 * Who may read the mailbox. On a developer's machine, whoever runs it. In production (a public demo that turned
 * it on) only a signed-in owner: everyone else is told to sign in or refused, never shown other people's links.
 */
export async function mailboxReader(e: Env, userId: string | null): Promise<MailboxAccess> {
  if (!usesDemoMailbox(e)) return "OFF";
  if (e.nodeEnv !== "production") return "OPEN";
  if (!userId) return "SIGN_IN";
  const owner = await db.membership.findFirst({ where: { userId, role: "OWNER" }, select: { id: true } });
  return owner ? "OPEN" : "REFUSED";
}

/** The newest messages in the mailbox, optionally to one address. */
export function listMailbox(input: { to?: string }) {
  return db.mailboxMessage.findMany({ where: input.to ? { to: input.to.toLowerCase() } : {}, orderBy: { createdAt: "desc" }, take: 50 });
}

/** Whether this server can deliver email at all (SMTP, or the demo mailbox). */
export function canSendMail(): boolean {
  return Boolean(env().smtpUrl) || usesDemoMailbox();
}

export type Mail = { to: string; subject: string; text: string; html: string; /** the one action link, shown in the demo mailbox (never logged) */ link?: string };

/**
 * Sends through SMTP when SMTP_URL is set. Without it, demo mode keeps the message in the local mailbox
 * (/dev/mailbox), so sign-in and invitations work on a machine with no mail server; outside it that is a
 * configuration error, said plainly. The link is never logged: it is a credential, and logs travel further.
 */
export async function sendMail(mail: Mail): Promise<void> {
  const e = env();
  if (e.smtpUrl) {
    const transport = createTransport(e.smtpUrl);
    const result = await transport.sendMail({ from: e.emailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    if (result.rejected.length > 0) throw new AppError("UNAVAILABLE", `The mail server refused ${mail.to}.`);
    return;
  }
  if (!usesDemoMailbox()) throw new AppError("UNAVAILABLE", "Email is not configured on this server: set SMTP_URL.");
  await db.mailboxMessage.create({ data: { to: mail.to.toLowerCase(), subject: mail.subject, text: mail.text, html: mail.html, link: mail.link } });
  logger.info({ subject: mail.subject }, "demo mailbox: message kept at /dev/mailbox");
}
