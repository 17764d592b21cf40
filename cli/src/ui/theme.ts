/** Semantic colours for the interactive UI. NO_COLOR turns them all off (ink passes plain text through). */
const noColor = 'NO_COLOR' in process.env;

export const theme = {
  danger: noColor ? undefined : 'red',
  warning: noColor ? undefined : 'yellow',
  success: noColor ? undefined : 'green',
  muted: noColor ? undefined : 'gray',
  accent: noColor ? undefined : 'cyan',
  out: noColor ? undefined : 'red',
  in: noColor ? undefined : 'green',
} as const;
