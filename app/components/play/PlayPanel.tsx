import { Suspense, type ReactNode } from "react";
import { textLink } from "../ui";

/** One Play panel: a titled section whose (lazily loaded) body shows "loading…" until it is there. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="min-w-0 space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <Suspense fallback={<p className="text-sm text-slate-400">loading…</p>}>{children}</Suspense>
    </section>
  );
}

/** Links to the checkpoint's files under `base`, for loading the model elsewhere with stock tfjs. */
export function ModelFileLinks({ base }: { base: string }) {
  return (
    <p className="text-sm text-slate-400">
      Model files (stock <code>tf.loadLayersModel</code>):{" "}
      <a className={textLink} href={`${base}/decoder/model.json`}>
        decoder
      </a>
      ,{" "}
      <a className={textLink} href={`${base}/encoder/model.json`}>
        encoder
      </a>
      ,{" "}
      <a className={textLink} href={`${base}/meta.json`}>
        meta.json
      </a>
    </p>
  );
}
