import Link from "next/link";
import { buttonPrimary, buttonSecondary } from "./ui";

/** The app's "nothing here" page body: what was not found, why that may be, and where to go instead. */
export function NotFoundMessage({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="mx-auto flex max-w-xl flex-col gap-4 py-10 text-center" data-testid="not-found">
      <p aria-hidden="true" className="font-mono text-5xl font-semibold text-slate-500">
        404
      </p>
      <h1 className="text-2xl font-semibold text-slate-50">{title}</h1>
      <div className="text-slate-300">{children}</div>
      <nav aria-label="Where to go instead" className="flex flex-wrap justify-center gap-3">
        <Link href="/" className={buttonPrimary}>
          Start a training session
        </Link>
        <Link href="/gallery" className={buttonSecondary}>
          Browse the gallery
        </Link>
      </nav>
    </section>
  );
}
