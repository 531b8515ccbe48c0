import { handlers } from "@/lib/auth/auth";
import { authRoute } from "@/lib/auth/auth-route";

// Auth.js's endpoints, with input it would answer with a 500 refused first (lib/auth/auth-route.ts).
export const { GET, POST } = authRoute(handlers);
