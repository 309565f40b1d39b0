"use client";

import { CopyButton } from "../CopyButton";
import { buttonSecondary } from "../ui";

/** Shown once after creating a session: the link that gives control, to keep private. */
export function ControlLinkNotice({ controlUrl, onDismiss }: { controlUrl: string; onDismiss: () => void }) {
  return (
    <section
      aria-labelledby="control-link-heading"
      className="rounded-xl border border-amber-700/70 bg-amber-950/40 p-4"
      data-testid="control-link"
    >
      <h2 id="control-link-heading" className="font-semibold text-amber-200">
        Your control link: keep this private
      </h2>
      <p className="mt-1 text-sm text-amber-100/80">
        Anyone with this link can pause, stop or delete the session. This browser is already the owner; use the link to
        control the session from another device. It is shown only once.
      </p>
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <input
          readOnly
          value={controlUrl}
          aria-label="Control link"
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-amber-800 bg-slate-950 px-2 py-1.5 font-mono text-xs text-amber-100"
        />
        <CopyButton text={controlUrl} label="Copy control link" />
        <button type="button" className={buttonSecondary} onClick={onDismiss}>
          I saved it
        </button>
      </div>
    </section>
  );
}
