"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createUser } from "@/lib/users/create-user";
import { setUserRole } from "@/lib/users/set-user-role";
import { runAction } from "@/lib/transport/action-result";
import type { CreateUserInput, SetUserRoleInput } from "@/lib/users/schema";

export async function createUserAction(input: CreateUserInput) {
  const admin = await requireUser("administer");
  const result = await runAction(async () => {
    const user = await createUser({ actor: admin, input });
    return { email: user.email };
  });
  if (result.ok) revalidatePath("/admin/users");
  return result;
}

export async function setUserRoleAction(input: SetUserRoleInput) {
  const admin = await requireUser("administer");
  const result = await runAction(async () => {
    await setUserRole({ actor: admin, input });
  });
  revalidatePath("/admin/users");
  return result;
}
