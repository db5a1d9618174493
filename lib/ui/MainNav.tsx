"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** The main sections, each with the paths that belong to it (a report, a tech or a client page is under Reports). */
const SECTIONS = [
  { href: "/", label: "Reports", under: ["/reports", "/techs", "/clients"] },
  { href: "/queues", label: "Queues", under: [] },
  { href: "/certs", label: "Certificates", under: [] },
  { href: "/views", label: "Saved views", under: [] },
  { href: "/subscriptions", label: "Subscriptions", under: [] },
] as const;

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The header's navigation; the section the page belongs to is marked for screen readers and the eye (aria-current). */
export function MainNav() {
  const path = usePathname();
  return (
    <nav aria-label="Main">
      {SECTIONS.map(({ href, label, under }) => {
        const current = href === "/" ? path === "/" : within(path, href);
        const inside = !current && under.some((prefix) => within(path, prefix));
        return (
          <Link key={href} href={href} aria-current={current ? "page" : inside ? "true" : undefined}>
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
