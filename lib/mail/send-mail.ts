import { createTransport } from "nodemailer";
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors/app-error";
import { logger } from "../log/logger";

/** Demo mode without SMTP: email is kept in the local mailbox (/dev/mailbox) instead of being sent. */
export function usesDemoMailbox(): boolean {
  return env().demoMode && !env().smtpUrl;
}

/** Whether this server can deliver email at all (SMTP, or the demo mailbox). */
export function canSendMail(): boolean {
  return Boolean(env().smtpUrl) || usesDemoMailbox();
}

export type Mail = { to: string; subject: string; text: string; html: string; /** the one action link, logged in demo mode */ link?: string };

/**
 * Sends through SMTP when SMTP_URL is set. Without it, demo mode keeps the message in the local mailbox
 * (/dev/mailbox) and logs its link, so sign-in and invitations work on a machine with no mail server; outside
 * demo mode that is a configuration error, said plainly.
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
  logger.info({ to: mail.to, subject: mail.subject, link: mail.link }, "demo mailbox: message kept at /dev/mailbox");
}
