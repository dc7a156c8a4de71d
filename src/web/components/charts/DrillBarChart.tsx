import { useMemo } from 'react';
import { useChart } from './useChart';

export interface BarDatum {
  name: string;
  value: number;
}

/** Horizontal bars (categories, sectors …); clicking a bar calls `onPick` with its index. */
export function DrillBarChart({ data, onPick, color = '#c62828' }: { data: BarDatum[]; onPick?: (index: number) => void; color?: string }) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: data.map((d) => d.name),
        inverse: true,
        axisLabel: { width: 110, overflow: 'truncate' },
        triggerEvent: false,
      },
      series: [
        {
          type: 'bar',
          data: data.map((d) => d.value),
          itemStyle: { color },
          barMaxWidth: 22,
          label: { show: true, position: 'right' },
          cursor: onPick ? 'pointer' : 'default',
        },
      ],
    }),
    [data, color, onPick],
  );
  const ref = useChart(option, onPick);
  return <div ref={ref} style={{ width: '100%', height: Math.max(120, data.length * 34 + 24) }} />;
}
