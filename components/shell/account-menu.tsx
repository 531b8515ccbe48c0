import { SignOutButton } from "@/components/auth/sign-out-button";

// Who is signed in and the way out, folded into one button so the header keeps to one row at laptop widths
// (the email alone can be wider than the navigation). A native <details> needs no script and is keyboard-usable.
export function AccountMenu({ email, role }: { email: string; role: string }) {
  return (
    <details className="relative">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="flex h-6 w-6 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold uppercase text-brand-900">
          {email.slice(0, 1)}
        </span>
        <span className="hidden max-w-48 truncate lg:inline">{email}</span>
        <span className="sr-only lg:hidden">Account: {email}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-64 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg">
        <p className="truncate font-medium text-slate-900" title={email}>
          {email}
        </p>
        <p className="mt-0.5 text-slate-600">
          Role in this workspace: <span className="font-medium">{role}</span>
        </p>
        <div className="mt-3 border-t border-slate-100 pt-2">
          <SignOutButton variant="quiet" />
        </div>
      </div>
    </details>
  );
}
