import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { RouteFocus } from "./components/a11y/RouteFocus";
import "./globals.css";

export const metadata: Metadata = {
  title: "VAE Playground",
  description: "Train variational autoencoders on MNIST together, watch them learn live, and play with the digits.",
  icons: { icon: "/favicon.svg" },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b1020",
};

const MAIN_ID = "main";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <a
          href={`#${MAIN_ID}`}
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-slate-900 focus:px-3 focus:py-2 focus:text-slate-50"
        >
          Skip to main content
        </a>
        <header className="border-b border-slate-800 bg-slate-950/60">
          <nav className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3" aria-label="Main">
            <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-100">
              <span
                aria-hidden="true"
                className="grid h-6 w-6 place-items-center rounded bg-sky-500 font-mono text-xs text-slate-950"
              >
                z
              </span>
              VAE Playground
            </Link>
            <span className="hidden text-sm text-slate-400 md:inline">variational autoencoders on MNIST, live</span>
            <Link href="/gallery" className="ml-auto text-sm text-slate-300 hover:text-white">
              Gallery
            </Link>
          </nav>
        </header>
        <main id={MAIN_ID} tabIndex={-1} className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <RouteFocus mainId={MAIN_ID} />
      </body>
    </html>
  );
}
