import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import type { ChartConfiguration, Plugin } from 'chart.js' with { 'resolution-mode': 'import' };
import { CHART_FONT_FAMILY, FONTS } from './fonts';

// chart.js ships its types as ES modules; at run time `require` loads its CommonJS build (dist/chart.cjs).
const { Chart, registerables } = require('chart.js') as typeof import('chart.js', { with: { 'resolution-mode': 'import' } });

/**
 * Charts as PNG pictures: Chart.js drawing on a @napi-rs/canvas (Skia, prebuilt; no native build), with the DejaVu
 * font registered so Vietnamese labels keep every diacritic. Animation and responsiveness are off: one synchronous
 * draw at a fixed size.
 */

let ready = false;

function setUp(): void {
  if (ready) return;
  GlobalFonts.registerFromPath(FONTS.sans, CHART_FONT_FAMILY);
  GlobalFonts.registerFromPath(FONTS.sansBold, CHART_FONT_FAMILY);
  Chart.register(...registerables);
  ready = true;
}

/** Paints the background white (a PNG is transparent otherwise, which some viewers show as black). */
const whiteBackground: Plugin = {
  id: 'dlxh-white-background',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export interface ChartPicture {
  png: Buffer;
  widthPx: number;
  heightPx: number;
}

/** Draws a Chart.js configuration once and returns the PNG. */
export function renderChart(config: ChartConfiguration, widthPx = 1200, heightPx = 560): ChartPicture {
  setUp();
  const canvas = createCanvas(widthPx, heightPx);
  const font = { family: CHART_FONT_FAMILY, size: 22 };
  const chart = new Chart(canvas.getContext('2d') as never, {
    ...config,
    options: {
      ...config.options,
      responsive: false,
      animation: false,
      devicePixelRatio: 1,
      font,
    } as never,
    plugins: [...(config.plugins ?? []), whiteBackground],
  });
  try {
    chart.update('none');
    return { png: canvas.toBuffer('image/png'), widthPx, heightPx };
  } finally {
    chart.destroy();
  }
}

const RED = '#b71c1c';
const GREY = '#7f8c8d';

/** Reports per day of the month against the previous month, day by day (day 1 against day 1…). */
export function dailyTrendChart(args: { label: string; previousLabel: string; current: number[]; previous: number[]; title: string }): ChartPicture {
  const days = Math.max(args.current.length, args.previous.length);
  const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family: CHART_FONT_FAMILY, size, weight });
  return renderChart({
    type: 'line',
    data: {
      labels: Array.from({ length: days }, (_, i) => String(i + 1)),
      datasets: [
        { label: args.label, data: args.current, borderColor: RED, backgroundColor: RED, borderWidth: 4, pointRadius: 4, tension: 0.2 },
        { label: args.previousLabel, data: args.previous, borderColor: GREY, backgroundColor: GREY, borderWidth: 3, borderDash: [10, 8], pointRadius: 0, tension: 0.2 },
      ],
    },
    options: {
      plugins: {
        title: { display: true, text: args.title, font: font(26, 'bold'), color: '#222' },
        legend: { position: 'bottom', labels: { font: font(21), color: '#222', usePointStyle: true, pointStyle: 'line' } },
      },
      scales: {
        x: { title: { display: true, text: 'Ngày trong tháng', font: font(21), color: '#222' }, ticks: { font: font(20), color: '#222' } },
        y: { beginAtZero: true, title: { display: true, text: 'Số báo cáo', font: font(21), color: '#222' }, ticks: { font: font(20), color: '#222', precision: 0 } },
      },
    },
  });
}

/** Reports per sector, this month against the previous one, as horizontal bars. */
export function sectorChart(args: { label: string; previousLabel: string; sectors: { label: string; current: number; previous: number }[]; title: string }): ChartPicture {
  const font = (size: number, weight: 'normal' | 'bold' = 'normal') => ({ family: CHART_FONT_FAMILY, size, weight });
  const height = Math.max(440, 130 + args.sectors.length * 50);
  return renderChart(
    {
      type: 'bar',
      data: {
        labels: args.sectors.map((s) => s.label),
        datasets: [
          { label: args.label, data: args.sectors.map((s) => s.current), backgroundColor: RED },
          { label: args.previousLabel, data: args.sectors.map((s) => s.previous), backgroundColor: '#bdc3c7' },
        ],
      },
      options: {
        indexAxis: 'y',
        plugins: {
          title: { display: true, text: args.title, font: font(26, 'bold'), color: '#222' },
          legend: { position: 'bottom', labels: { font: font(21), color: '#222' } },
        },
        scales: {
          x: { beginAtZero: true, title: { display: true, text: 'Số báo cáo', font: font(21), color: '#222' }, ticks: { font: font(20), color: '#222', precision: 0 } },
          y: { ticks: { font: font(21), color: '#222' } },
        },
      },
    },
    1200,
    height,
  );
}
