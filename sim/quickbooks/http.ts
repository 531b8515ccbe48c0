// The simulator's tiny HTTP layer: a request with its raw body, an answer, and helpers to build answers.
// Plain node:http keeps the simulator fast (bench/sim) and dependency-free.
import { randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export type SimRequest = {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The `intuit_tid` this answer will carry, for logs and fault bodies. */
  tid: string;
};

export type SimAnswer = {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

export type Handler = (req: SimRequest) => SimAnswer | Promise<SimAnswer>;

export function newTid(): string {
  const hex = randomBytes(16).toString("hex");
  return `1-${hex.slice(0, 8)}-${hex.slice(8)}`;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): SimAnswer {
  return { status, headers: { "content-type": "application/json;charset=UTF-8", ...headers }, body: JSON.stringify(body) };
}

export function html(status: number, body: string, headers: Record<string, string> = {}): SimAnswer {
  return { status, headers: { "content-type": "text/html; charset=utf-8", ...headers }, body };
}

export function redirect(location: string): SimAnswer {
  return { status: 302, headers: { location } };
}

export function header(req: SimRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** Parses a form-encoded body (token and revoke endpoints). */
export function formBody(req: SimRequest): URLSearchParams {
  return new URLSearchParams(req.body.toString("utf8"));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
