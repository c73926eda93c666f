/**
 * Tag colours that keep text readable (WCAG AA 4.5:1): solid, dark tones with white text, instead of
 * the light preset tags whose coloured text on a pale background falls short of it.
 */
const TONES: Record<string, string> = {
  blue: '#0958d9',
  gold: '#874d00',
  green: '#135200',
  red: '#a8071a',
  orange: '#873800',
  purple: '#391085',
  default: '#434343',
};

export const tone = (name: string | undefined): string => TONES[name ?? 'default'] ?? TONES.default;
