import { signOutAction } from "@/app/sign-in/actions";
import { Button } from "@/components/ui/button";

export function SignOutButton({ variant = "secondary" }: { variant?: "secondary" | "quiet" }) {
  return (
    <form action={signOutAction}>
      {variant === "quiet" ? (
        <button type="submit" className="rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
          Sign out
        </button>
      ) : (
        <Button type="submit" variant="secondary">
          Sign out
        </Button>
      )}
    </form>
  );
}
