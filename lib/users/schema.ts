import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

export const Email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address"));

export const Password = z.string().min(12, "Use at least 12 characters").max(200, "Use at most 200 characters");

export const CreateUserInput = z.object({
  email: Email,
  name: z.string().trim().max(120, "Use at most 120 characters").default(""),
  password: Password.optional(),
  role: z.enum(ROLES, "Choose a role"),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const SetUserRoleInput = z.object({
  email: Email,
  role: z.enum(ROLES, "Choose a role"),
});
export type SetUserRoleInput = z.input<typeof SetUserRoleInput>;

export const SetUserActiveInput = z.object({ email: Email, active: z.boolean() });

export const SignInInput = z.object({
  email: Email,
  password: z.string().min(1, "Enter your password").max(200),
});
