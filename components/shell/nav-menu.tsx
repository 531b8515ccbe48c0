"use client";

import { usePathname } from "next/navigation";
import { useId, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode } from "react";

// Below laptop width the section links fold behind a "Menu" button so the header keeps to one row; from `lg` up
// the button is gone and the links sit inline. A disclosure, not an ARIA menu: the links stay links, Tab walks
// into them from the button, Escape closes and puts focus back on the button, and leaving the area (focus or a
// tap elsewhere) or following a link closes it.
export function NavMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname() ?? "";
  // Open for the page it was opened on: navigating (Back included) closes it without an effect.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== "Escape" || !open) return;
    setOpenOn(null);
    button.current?.focus();
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpenOn(null);
  }

  // A link to the page already shown changes no path, so a click on any link closes it too.
  function onClick(event: MouseEvent) {
    if (event.target instanceof Element && event.target.closest("a")) setOpenOn(null);
  }

  return (
    <div className="ml-auto flex min-w-0 lg:ml-0 lg:flex-1" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpenOn(open ? null : pathname)}
        className="flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 lg:hidden"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          {open ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3 5h14M3 10h14M3 15h14" />}
        </svg>
        {/* Named "Menu" at every width; on a phone the icon alone shows, leaving room for the workspace's name. */}
        <span className="sr-only sm:not-sr-only">Menu</span>
      </button>
      <div
        id={panelId}
        onClick={onClick}
        className={`${open ? "block" : "hidden"} absolute inset-x-0 top-full z-20 border-y border-slate-200 bg-white px-4 py-2 shadow-md sm:px-6 lg:static lg:block lg:min-w-0 lg:flex-1 lg:border-0 lg:p-0 lg:shadow-none`}
      >
        {children}
      </div>
    </div>
  );
}
