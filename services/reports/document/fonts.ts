import path from 'node:path';

/**
 * The DejaVu fonts (npm `dejavu-fonts-ttf`): full Vietnamese coverage, including stacked diacritics (ặ, ỗ, ữ…).
 * The PDF embeds the serif faces (closest to the Times New Roman of official documents); charts use the sans face.
 */
const dir = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

export const FONTS = {
  serif: path.join(dir, 'DejaVuSerif.ttf'),
  serifBold: path.join(dir, 'DejaVuSerif-Bold.ttf'),
  serifItalic: path.join(dir, 'DejaVuSerif-Italic.ttf'),
  serifBoldItalic: path.join(dir, 'DejaVuSerif-BoldItalic.ttf'),
  sans: path.join(dir, 'DejaVuSans.ttf'),
  sansBold: path.join(dir, 'DejaVuSans-Bold.ttf'),
} as const;

/** The family name charts register the sans face under. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';
