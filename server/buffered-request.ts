/**
 * A web Request whose body the server has already read into memory. Its readers (`json()`,
 * `text()`, `arrayBuffer()`, `bytes()`, `blob()`, `formData()`) use that buffer directly, where a
 * Request built with the buffer as its body would wrap it in a web stream and read it back out:
 * for a JSON call of a few hundred bytes, that round trip cost more than parsing the JSON.
 *
 * Given only to the JSON API (server/api-router.ts), whose endpoints read their body through these
 * methods. React Router's own actions rebuild requests from `request.body`, which this class
 * makes on demand too, but they keep getting a plain Request.
 */
export class BufferedRequest extends Request {
  readonly #bytes: Buffer;
  #used = false;
  #stream: ReadableStream<Uint8Array<ArrayBuffer>> | null = null;

  constructor(url: URL | string, init: Omit<RequestInit, "body">, bytes: Buffer) {
    super(url, init);
    this.#bytes = bytes;
  }

  /** The body as a stream, made when first asked for; as with any Request, reading it uses the body up. */
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> {
    this.#stream ??= new ReadableStream({
      pull: (controller) => {
        controller.enqueue(new Uint8Array(this.#take()));
        controller.close();
      },
    });
    return this.#stream;
  }

  override get bodyUsed(): boolean {
    return this.#used;
  }

  #take(): Buffer {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    this.#used = true;
    return this.#bytes;
  }

  override async json(): Promise<any> {
    return JSON.parse(this.#take().toString("utf8"));
  }

  override async text(): Promise<string> {
    return this.#take().toString("utf8");
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.#take()).buffer;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(this.#take());
  }

  override async blob(): Promise<Blob> {
    return new Blob([new Uint8Array(this.#take())], { type: this.headers.get("content-type") ?? "" });
  }

  /** Form parsing (urlencoded and multipart) is the platform's own, through a Response. */
  override async formData(): Promise<FormData> {
    return new Response(new Uint8Array(this.#take()), {
      headers: { "content-type": this.headers.get("content-type") ?? "" },
    }).formData();
  }

  override clone(): BufferedRequest {
    if (this.#used) throw new TypeError("Body is unusable: Body has already been read");
    return new BufferedRequest(
      this.url,
      { method: this.method, headers: this.headers, signal: this.signal },
      this.#bytes,
    );
  }
}
