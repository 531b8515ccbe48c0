import pkg from "../package.json";

/** The running release, reported by /api/health and shown in the footer. */
export const VERSION: string = pkg.version;
