import type { UptimeFormatId } from "@/lib/uptime/types";

/** What to upload for each format, in the words of the tool's own files. */
export const UPTIME_FORMAT_OPTIONS: { id: UptimeFormatId; title: string; upload: string; produce: string }[] = [
  {
    id: "upptime",
    title: "Upptime repository",
    upload:
      "The repository folder (with .git for the full history), a zip of it, a `git log` export as TSV, or its issues as JSON for the reported outages.",
    produce:
      "Choose the cloned folder, or: git log --format='%H%x09%aI%x09%s' -- history/<slug>.yml > history-<slug>.commit-log.tsv; issues: gh api 'repos/<owner>/<repo>/issues?state=all&labels=status&per_page=100' > issues.json",
  },
  {
    id: "uptime-kuma-heartbeat",
    title: "Uptime Kuma status-page heartbeats",
    upload: "The heartbeat JSON of a status page, with the status page JSON beside it for the monitors' names.",
    produce:
      "curl https://kuma.example.com/api/status-page/heartbeat/<slug>; curl https://kuma.example.com/api/status-page/<slug>",
  },
  {
    id: "uptime-kuma-db",
    title: "Uptime Kuma database (kuma.db)",
    upload: "The SQLite database file: every monitor's heartbeats. Its backup JSON holds no heartbeats.",
    produce: "Copy data/kuma.db out of the Uptime Kuma container (docker cp uptime-kuma:/app/data/kuma.db .).",
  },
  {
    id: "prometheus",
    title: "Prometheus query_range JSON",
    upload: "The JSON answer of a range query of probe_success or up, and optionally probe_duration_seconds for response times.",
    produce: "curl 'http://prometheus:9090/api/v1/query_range?query=probe_success&start=…&end=…&step=60' > probe_success.json",
  },
  {
    id: "statuspage",
    title: "Atlassian Statuspage incidents.json",
    upload: "The page's incidents JSON: each incident's updates become downtime of the components it affected.",
    produce: "curl https://status.example.com/api/v2/incidents.json > incidents.json",
  },
  {
    id: "csv",
    title: "CSV of checks",
    upload:
      "One check per line: timestamp,status[,latency_ms]; status up/down (or 1/0, true/false). Give the monitor's name and target below.",
    produce: "timestamp,status,latency_ms\n2026-10-24T02:00:00Z,up,182\n2026-10-24T02:01:00Z,down,",
  },
];
