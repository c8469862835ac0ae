/** Largest image accepted for a narrative section (bytes). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export const attachmentUrl = (id: string) => `/api/v1/attachments/${id}`;
