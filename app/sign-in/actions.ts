"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn, signOut } from "@/lib/auth/auth";
import { limitEmailSignIn } from "@/lib/auth/limit-email-sign-in";
import { AppError } from "@/lib/errors/app-error";
import { clientIpOf } from "@/lib/tenancy/request-meta";

// Sign-in and sign-out are the only server actions outside workspaces: they take no workspace ids, and Auth.js
// checks its own CSRF token. The isolation test lists them as such.

const CallbackSchema = z
  .string()
  .optional()
  // Only same-site paths: an open redirect after sign-in would hand a phishing page a trusted starting point.
  .transform((value) => (value && value.startsWith("/") && !value.startsWith("//") ? value : "/app"));

// React hands a form's action its FormData; a hand-made action request can send any arguments instead. Read
// such a call as an empty form, which each action refuses the way it refuses a blank one (not as a 500).
function formOf(value: unknown): FormData {
  return value instanceof FormData ? value : new FormData();
}

function failed(kind: string, callbackUrl: string): never {
  redirect(`/sign-in?error=${kind}&callbackUrl=${encodeURIComponent(callbackUrl)}`);
}

export async function signInAsDemoUser(input: FormData): Promise<void> {
  const formData = formOf(input);
  const redirectTo = CallbackSchema.parse(formData.get("callbackUrl") ?? undefined);
  try {
    await signIn("demo", { email: String(formData.get("email") ?? ""), redirectTo });
  } catch (error) {
    if (error instanceof AuthError) failed("demo", redirectTo);
    throw error; // includes Next's redirect, which must propagate
  }
}

export async function signInWithEmail(input: FormData): Promise<void> {
  const formData = formOf(input);
  const redirectTo = CallbackSchema.parse(formData.get("callbackUrl") ?? undefined);
  const email = z.email().safeParse(String(formData.get("email") ?? "").trim().toLowerCase());
  if (!email.success) failed("email-invalid", redirectTo);
  try {
    await limitEmailSignIn({ email: email.data, ip: clientIpOf(await headers()) });
  } catch (error) {
    if (error instanceof AppError && error.code === "RATE_LIMITED") failed("rate-limited", redirectTo);
    throw error;
  }
  try {
    await signIn("email", { email: email.data, redirectTo });
  } catch (error) {
    if (error instanceof AuthError) failed("email", redirectTo);
    throw error;
  }
}

export async function signInWithIntuit(input: FormData): Promise<void> {
  const formData = formOf(input);
  const redirectTo = CallbackSchema.parse(formData.get("callbackUrl") ?? undefined);
  await signIn("intuit", { redirectTo });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
