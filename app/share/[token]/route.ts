import { AppError } from "@/lib/errors";
import { renderPublicShare } from "@/lib/exports/public-shares";

export const dynamic = "force-dynamic";

const HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "private, no-store",
  // The document is static: no scripts, images inline, its own styles only.
  "Content-Security-Policy": "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
  "X-Robots-Tag": "noindex",
};

/** GET /share/{token}: the customer-facing postmortem behind a public link, for anyone holding the link. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const html = await renderPublicShare((await params).token);
    return new Response(html, { headers: { ...HEADERS, "Content-Type": "text/html; charset=utf-8" } });
  } catch (e) {
    const gone = e instanceof AppError && e.code === "NOT_FOUND";
    if (!gone) console.error(e);
    const message = gone ? "This link does not exist or was revoked." : "Something went wrong on our side.";
    return new Response(`<!doctype html><meta charset="utf-8"><title>Not available</title><p>${message}</p>`, {
      status: gone ? 404 : 500,
      headers: { ...HEADERS, "Content-Type": "text/html; charset=utf-8" },
    });
  }
}
