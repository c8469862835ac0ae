import type { Db } from "@/lib/db";

/** Services are named by people as they write; unknown names become services. */
export async function upsertServicesByName(client: Db, names: string[]) {
  const services = [];
  for (const name of names) {
    services.push(await client.service.upsert({ where: { name }, create: { name }, update: {} }));
  }
  return services;
}
