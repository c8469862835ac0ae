/** One labelled <select> of a GET filter form (incidents, actions, load tests). */
export type FilterOption = { value: string | number; label: string };

export function FilterSelect({
  name,
  label,
  value,
  options,
  any = "Any",
}: {
  name: string;
  label: string;
  value: string | number | null | undefined;
  options: readonly FilterOption[];
  /** The empty choice's text; null when the filter always has a value. */
  any?: string | null;
}) {
  return (
    <div>
      <label htmlFor={name} className="field-label">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value == null ? "" : String(value)} className="field-input">
        {any !== null && <option value="">{any}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
