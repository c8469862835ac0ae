import { headers } from "next/headers";
import { requireUser } from "@/lib/auth/session";
import { actorCan } from "@/lib/auth/actor";
import { scopesForRole } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { TOKEN_SCOPE_LABELS, type ApiTokenView } from "@/lib/tokens/constants";
import { formatInZone } from "@/lib/time/zones";
import { CreateTokenForm } from "./_components/create-token-form";
import { RevokeTokenButton } from "./_components/revoke-token-button";

export const metadata = { title: "API tokens" };

const when = (iso: string | null, none: string) => (iso ? formatInZone(new Date(iso), "UTC") : none);

function StateCell({ token }: { token: ApiTokenView }) {
  if (token.state === "revoked") return <span className="text-slate-500">Revoked {when(token.revokedAt, "")}</span>;
  if (token.state === "expired") return <span className="text-slate-500">Expired</span>;
  return <span className="font-medium text-emerald-700 dark:text-emerald-400">Active</span>;
}

export default async function ApiTokensPage() {
  const user = await requireUser("read", "/settings/tokens");
  const tokens = await listApiTokens({ actor: user });
  const everyone = actorCan(user, "administer");
  const host = (await headers()).get("host") ?? "localhost";
  const columns = [
    "Name",
    ...(everyone ? ["Owner"] : []),
    "Token",
    "Scope",
    "Created (UTC)",
    "Expires (UTC)",
    "Last used (UTC)",
    "State",
  ];

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">API tokens</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          A token lets a script use the API as you, with your role narrowed by the token&apos;s scope. Send it as{" "}
          <code className="font-mono">Authorization: Bearer hs_…</code>, e.g.{" "}
          <code className="font-mono">curl -H &quot;Authorization: Bearer $TOKEN&quot; http://{host}/api/v1/monitors</code>.
        </p>
      </div>

      <section aria-labelledby="token-list" className="space-y-2">
        <h2 id="token-list" className="text-lg font-semibold">
          {everyone ? "Everyone's tokens" : "Your tokens"}
        </h2>
        {tokens.length === 0 ? (
          <p className="text-sm text-slate-500">No tokens yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300 dark:border-slate-700">
                  {columns.map((c) => (
                    <th key={c} scope="col" className="py-2 pr-3">
                      {c}
                    </th>
                  ))}
                  <th scope="col" className="py-2 pr-3">
                    <span className="sr-only">Revoke</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id} className="border-b border-slate-200 dark:border-slate-800" data-testid="api-token-row">
                    <td className="py-2 pr-3">{t.name}</td>
                    {everyone && <td className="py-2 pr-3">{t.owner.id === user.id ? "You" : t.owner.email}</td>}
                    <td className="py-2 pr-3 font-mono">{t.prefix}…</td>
                    <td className="py-2 pr-3">{TOKEN_SCOPE_LABELS[t.scope]}</td>
                    <td className="py-2 pr-3">{when(t.createdAt, "")}</td>
                    <td className="py-2 pr-3">{when(t.expiresAt, "Never")}</td>
                    <td className="py-2 pr-3">{when(t.lastUsedAt, "Never")}</td>
                    <td className="py-2 pr-3">
                      <StateCell token={t} />
                    </td>
                    <td className="py-2 pr-3">{t.state !== "revoked" && <RevokeTokenButton tokenId={t.id} name={t.name} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="new-token" className="max-w-xl space-y-3">
        <h2 id="new-token" className="text-lg font-semibold">
          Create a token
        </h2>
        <CreateTokenForm scopes={scopesForRole(user.role)} />
      </section>
    </div>
  );
}
