/**
 * Props for a box that scrolls sideways (a wide table on a phone): keyboard users reach it with Tab
 * and scroll it with the arrow keys (WCAG 2.1.1; axe `scrollable-region-focusable`), screen readers
 * announce it as a region named by `label` (the table's caption), and it shows a focus ring.
 * Use: `<div {...scrollRegion("在读名单", "overflow-x-auto rounded-lg border …")}>`. Decision 080.
 */
export function scrollRegion(label: string, className: string) {
  return {
    role: "region",
    "aria-label": label,
    tabIndex: 0,
    className: `${className} focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700`,
  } as const;
}
