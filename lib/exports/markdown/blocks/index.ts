import type { DataBlock } from "@/lib/templates/types";
import type { BlockBuilder } from "@/lib/exports/markdown/context";
import { summaryBlock } from "@/lib/exports/markdown/blocks/summary";
import { timelineBlock } from "@/lib/exports/markdown/blocks/timeline";
import { rootCausesBlock } from "@/lib/exports/markdown/blocks/root-causes";
import { contributingFactorsBlock } from "@/lib/exports/markdown/blocks/contributing-factors";
import { actionsBlock } from "@/lib/exports/markdown/blocks/actions";
import { metricChartsBlock } from "@/lib/exports/markdown/blocks/metric-charts";
import { loadTestsBlock } from "@/lib/exports/markdown/blocks/load-tests";
import { loadTestJournalBlock } from "@/lib/exports/markdown/blocks/load-test-journal";
import { uptimeBlock } from "@/lib/exports/markdown/blocks/uptime";
import { deliverablesBlock } from "@/lib/exports/markdown/blocks/deliverables";
import { reportFieldsBlock } from "@/lib/exports/markdown/blocks/report-fields";
import { incidentSummariesBlock } from "@/lib/exports/markdown/blocks/incident-summaries";

/** One mdast builder per data block; the Record makes a new DATA_BLOCKS entry a type error until it has one. */
export const BLOCK_BUILDERS: Record<DataBlock, BlockBuilder> = {
  summary: summaryBlock,
  timeline: timelineBlock,
  root_causes: rootCausesBlock,
  contributing_factors: contributingFactorsBlock,
  actions: actionsBlock,
  metric_charts: metricChartsBlock,
  load_tests: loadTestsBlock,
  load_test_journal: loadTestJournalBlock,
  uptime: uptimeBlock,
  deliverables: deliverablesBlock,
  report_fields: reportFieldsBlock,
  incident_summaries: incidentSummariesBlock,
};
