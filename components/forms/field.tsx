import type { ReactNode } from "react";

/** One message, or a field's several (shown joined); nothing when empty. */
type Message = string | string[] | null | undefined;

const messageText = (message: Message) => (Array.isArray(message) ? message.join(" ") : message) || undefined;

/** A field's error under it; `id` is what its control names in aria-describedby. Nothing without a message. */
export function FieldError({ id, message }: { id: string; message: Message }) {
  const text = messageText(message);
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

/** A form's own error (not one field's), announced as an alert; nothing without one. */
export function FormError({ message }: { message: string | undefined }) {
  return message ? (
    <p role="alert" className="field-error">
      {message}
    </p>
  ) : null;
}

/** What a control says of its state: invalid while in error, described by its hint and its error. */
export function fieldAria(id: string, error: Message, hint = false) {
  const invalid = Boolean(messageText(error));
  return {
    "aria-invalid": invalid ? (true as const) : undefined,
    "aria-describedby": [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(" ") || undefined,
  };
}

export type FieldControlProps = { id: string } & ReturnType<typeof fieldAria>;

/**
 * A labelled form field: the label, the control, a hint and the error under it. The control is
 * given its id and aria wiring (ids `<id>-hint`, `<id>-error`), so the three always agree.
 * `aside` is the grey remark after the label, in brackets.
 */
export function Field({
  id,
  label,
  aside,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  aside?: ReactNode;
  hint?: ReactNode;
  error?: Message;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">
        {label}
        {aside !== undefined && (
          <>
            {" "}
            <span className="font-normal text-slate-500">({aside})</span>
          </>
        )}
      </label>
      {children({ id, ...fieldAria(id, error, hint !== undefined) })}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
