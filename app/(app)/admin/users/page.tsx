import { requireUser } from "@/lib/auth/session";
import { listUsers } from "@/lib/users/list-users";
import { ROLES, ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";
import { formatInZone } from "@/lib/time/zones";
import { CreateUserForm } from "./_components/create-user-form";
import { RoleSelect } from "./_components/role-select";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireUser("administer", "/admin/users");
  const users = await listUsers({ actor: admin });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300 dark:border-slate-700">
            <th scope="col" className="py-2 pr-3">
              E-mail
            </th>
            <th scope="col" className="py-2 pr-3">
              Name
            </th>
            <th scope="col" className="py-2 pr-3">
              Role
            </th>
            <th scope="col" className="py-2 pr-3">
              Active
            </th>
            <th scope="col" className="py-2 pr-3">
              Last sign-in (UTC)
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className="border-b border-slate-200 dark:border-slate-800">
              <td className="py-2 pr-3">{u.email}</td>
              <td className="py-2 pr-3">{u.name}</td>
              <td className="py-2 pr-3">
                <RoleSelect email={u.email} role={u.role} />
              </td>
              <td className="py-2 pr-3">{u.active ? "Yes" : "No"}</td>
              <td className="py-2 pr-3">{u.lastLoginAt ? formatInZone(u.lastLoginAt, "UTC") : "Never"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="add-user" className="max-w-xl space-y-3">
        <h2 id="add-user" className="text-lg font-semibold">
          Add a user
        </h2>
        <CreateUserForm />
        <dl className="text-sm text-slate-600 dark:text-slate-400">
          {ROLES.map((r) => (
            <div key={r}>
              <dt className="inline font-medium">{ROLE_LABELS[r]}: </dt>
              <dd className="inline">{ROLE_DESCRIPTIONS[r]}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
