/** SVG → PNG on the server (resvg, a prebuilt native binary from npm), at 2× for sharp high-DPI display. */
import { Resvg } from "@resvg/resvg-js";

export function svgToPng(svg: string, scale = 2): Buffer {
  return new Resvg(svg, { fitTo: { mode: "zoom", value: scale }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
}
