"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Link = { href: string; label: string };

// The section links, marking where you are (aria-current) so the header says it to screen readers as well as eyes.
// `exact` items (the overview) match only their own path; the others match their subpages too. "header" is a
// column in the folded menu (components/shell/nav-menu.tsx) and a row from laptop width up.
const LAYOUTS = {
  header: "flex flex-col gap-0.5 text-sm lg:-mx-1 lg:flex-row lg:gap-1",
  column: "flex flex-col gap-0.5 text-sm",
} as const;

export function NavLinks({ base, items, label, layout }: { base: string; items: (Link & { exact?: boolean })[]; label: string; layout: keyof typeof LAYOUTS }) {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label={label} className={LAYOUTS[layout]}>
      {items.map((item) => {
        const href = `${base}${item.href}`;
        const current = item.exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={item.label}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`shrink-0 whitespace-nowrap rounded-md px-2.5 py-1.5 ${current ? "bg-brand-50 font-medium text-brand-900" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {item.label}
          </Link>
        );
      })}
    </nav>
  );
}
