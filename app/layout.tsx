import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request: the Content Security Policy's nonce (proxy.ts) is new each time,
// and a page prerendered at build time would carry inline scripts without it.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Hindsight", template: "%s · Hindsight" },
  description: "Incident postmortems and root-cause analysis",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">{children}</body>
    </html>
  );
}
