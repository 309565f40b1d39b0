"use client";

import Link from "next/link";
import { buttonPrimary, buttonSecondary } from "./components/ui";

/** Unexpected failures while rendering a page: say so in the app's look, offer a retry. */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="mx-auto flex max-w-xl flex-col gap-4 py-10 text-center" role="alert">
      <h1 className="text-2xl font-semibold text-slate-50">Something went wrong on our side</h1>
      <p className="text-slate-300">
        The page could not be shown. Try again in a moment; if it keeps happening, the server log says why.
      </p>
      <div className="flex flex-wrap justify-center gap-3">
        <button type="button" className={buttonPrimary} onClick={reset}>
          Try again
        </button>
        <Link href="/" className={buttonSecondary}>
          Home page
        </Link>
      </div>
    </section>
  );
}
