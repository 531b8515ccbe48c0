/**
 * What `npm run dev`'s exit code says happened (README, "Start it"). 0 is a requested stop (Ctrl-C, SIGTERM,
 * SIGHUP); a kill -9 of the launcher itself shows as the shell's 137.
 */
export const EXIT = {
  stopped: 0,
  /** It could not start (a bad variable, a port in use, migrations failed), or the launcher itself failed. */
  failed: 1,
  /** The web server kept dying: restarted WEB_RESTARTS times within the window, then given up on. */
  web: 3,
  /** PostgreSQL (the embedded server) died. */
  database: 4,
  /** The Inngest Dev Server process died. */
  jobs: 5,
} as const;
