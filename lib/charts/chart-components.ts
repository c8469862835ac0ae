/** The Chart.js parts every renderer registers (tree-shaken Chart.js draws nothing it was not given). */
import {
  BarController,
  BarElement,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  TimeScale,
  Tooltip,
} from "chart.js";

export const CHART_COMPONENTS = [
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
  LinearScale,
  TimeScale,
  Tooltip,
  Legend,
];
