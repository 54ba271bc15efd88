import { useEffect, useRef, useState } from "react";

/**
 * Camera scanning for the check-in desk on any current phone: frames from the rear camera are
 * decoded by jsQR (plain JavaScript, loaded only when staff press the button), because
 * BarcodeDetector is missing in Safari and Firefox. A decoded code goes into the form's ticket
 * field and the ordinary form is submitted, so the server decides exactly as for a typed code.
 * Without script or a camera, staff type the code or search by name.
 */
export function QrScanner({
  formId,
  startLabel,
  stopLabel,
  failedLabel,
}: {
  formId: string;
  startLabel: string;
  stopLabel: string;
  failedLabel: string;
}) {
  const [available, setAvailable] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const stop = useRef<() => void>(() => {});

  useEffect(() => {
    setAvailable(Boolean(navigator.mediaDevices?.getUserMedia));
    return () => stop.current();
  }, []);

  async function start() {
    setFailed(false);
    try {
      const [{ default: jsQR }, stream] = await Promise.all([
        import("jsqr"),
        navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }),
      ]);
      const element = video.current!;
      element.srcObject = stream;
      await element.play();
      setScanning(true);
      const canvas = document.createElement("canvas");
      const context = canvas.getContext("2d", { willReadFrequently: true })!;
      let frame = 0;
      stop.current = () => {
        cancelAnimationFrame(frame);
        for (const track of stream.getTracks()) track.stop();
        element.srcObject = null;
        setScanning(false);
      };
      const tick = () => {
        if (element.readyState >= element.HAVE_CURRENT_DATA && element.videoWidth > 0) {
          // A frame a third of a megapixel or less decodes in a few milliseconds on a phone.
          const scale = Math.min(1, 640 / Math.max(element.videoWidth, element.videoHeight));
          canvas.width = Math.round(element.videoWidth * scale);
          canvas.height = Math.round(element.videoHeight * scale);
          context.drawImage(element, 0, 0, canvas.width, canvas.height);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          const code = jsQR(image.data, image.width, image.height, { inversionAttempts: "attemptBoth" });
          if (code?.data) {
            stop.current();
            const form = document.getElementById(formId) as HTMLFormElement | null;
            const field = form?.querySelector<HTMLInputElement>("input[name=ticket]");
            if (form && field) {
              field.value = code.data;
              form.requestSubmit();
            }
            return;
          }
        }
        frame = requestAnimationFrame(tick);
      };
      frame = requestAnimationFrame(tick);
    } catch {
      stop.current();
      setFailed(true);
    }
  }

  if (!available) return null;
  return (
    <div className="checkin__scanner">
      <button
        type="button"
        className="button button--secondary"
        onClick={() => (scanning ? stop.current() : void start())}
      >
        {scanning ? stopLabel : startLabel}
      </button>
      {failed && (
        <p className="field__error" role="alert">
          {failedLabel}
        </p>
      )}
      <video ref={video} className="checkin__video" hidden={!scanning} muted playsInline />
    </div>
  );
}
