/**
 * Email colours: mid-tones that keep their contrast when a mail client darkens the message (Gmail and
 * Outlook invert light backgrounds), with explicit backgrounds everywhere so nothing inherits a
 * client's own. Apple Mail and others honouring prefers-color-scheme get the dark set via CSS.
 */
export const palette = {
  page: "#f1f2f4",
  card: "#ffffff",
  text: "#202223",
  muted: "#5c6166",
  rule: "#d9dbde",
  good: "#1f7a4d",
  bad: "#b3261e",
  link: "#2c5fb3",
  highlight: "#fff6e5",
} as const;

export const darkModeCss = `
  :root { color-scheme: light dark; supported-color-schemes: light dark; }
  @media (prefers-color-scheme: dark) {
    .pk-page { background-color: #1a1c1e !important; }
    .pk-card { background-color: #25282b !important; }
    .pk-text { color: #e3e5e7 !important; }
    .pk-muted { color: #a6acb2 !important; }
    .pk-highlight { background-color: #3a3322 !important; }
    .pk-link { color: #8ab4f8 !important; }
    .pk-good { color: #6fd3a0 !important; }
    .pk-bad { color: #ff8a80 !important; }
  }
  @media (max-width: 480px) {
    .pk-page { padding: 8px 0 !important; }
    .pk-card { padding: 14px !important; border-radius: 0 !important; }
  }
`;
