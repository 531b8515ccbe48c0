import pino from "pino";
import { env } from "../env";

// One structured logger for the whole server. Secrets never reach it: the redaction list below is a safety net,
// not the mechanism (code must not pass secrets to it in the first place).
export const logger = pino({
  level: env().logLevel,
  base: { service: "ledgerwire" },
  redact: {
    paths: [
      "*.password",
      "*.secret",
      "*.token",
      "*.accessToken",
      "*.refreshToken",
      "*.apiKey",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
      'headers["x-api-key"]',
      '*["x-api-key"]',
      "*.webhookSecret",
      "*.webhookSecrets",
      "databaseUrl",
    ],
    censor: "[redacted]",
  },
});
