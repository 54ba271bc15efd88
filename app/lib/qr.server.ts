import QRCode from "qrcode";

/** A QR code as an SVG data URI, so it renders without script and within the CSP (img-src data:). */
export async function qrDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
