import type { SectionProps } from "./incident-types";
import { RootCauseList } from "./root-cause-list";

export function RootCausesSection({ incident, canEdit }: SectionProps) {
  const causes = incident.rootCauses.map((c) => ({
    id: c.id,
    version: c.version,
    category: c.category,
    description: c.description,
    whys: c.whys,
    isTrigger: c.isTrigger,
    factors: c.factors.map((f) => f.description),
  }));
  return (
    <section aria-labelledby="causes-heading" className="card">
      <h2 id="causes-heading" className="text-lg font-semibold">
        Root causes
      </h2>
      <RootCauseList incidentId={incident.id} causes={causes} canEdit={canEdit} />
    </section>
  );
}
