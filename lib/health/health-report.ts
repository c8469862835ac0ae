/** What `/api/health` answers: cheap on purpose (no database), so load generators can hammer it. */
export function healthReport(now = new Date()): { status: "ok"; time: string } {
  return { status: "ok", time: now.toISOString() };
}
