import { useMemo } from 'react';
import { useChart } from './useChart';

const COLORS = ['#2e7d32', '#f9a825', '#9e9e9e', '#1565c0', '#6a1b9a', '#c62828'];

/** A doughnut (e.g. reply grades A/B/C); clicking a slice calls `onPick` with its index. */
export function DrillPieChart({
  data,
  onPick,
  height = 260,
  colors = COLORS,
}: {
  data: Array<{ name: string; value: number }>;
  onPick?: (index: number) => void;
  height?: number;
  /** Slice colours in data order (defaults to green, amber, grey …). */
  colors?: string[];
}) {
  const option = useMemo(
    () => ({
      color: colors,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)', confine: true },
      legend: { bottom: 0, type: 'scroll' },
      series: [
        {
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '45%'],
          data,
          label: { formatter: '{d}%' },
          cursor: onPick ? 'pointer' : 'default',
        },
      ],
    }),
    [data, onPick, colors],
  );
  const ref = useChart(option, onPick);
  return <div ref={ref} style={{ width: '100%', height }} />;
}
