/**
 * The storage port over an S3-compatible bucket (AWS S3, MinIO, s3rver), so that app processes on
 * several machines share their uploaded files. Keys are the port's keys under an optional prefix.
 *
 * A streamed put goes through lib-storage's Upload: parts of PART_BYTES, at most QUEUE_SIZE in
 * flight (so memory stays at a few parts, whatever the file's size), one PutObject when the file
 * is smaller than a part. Past the byte limit the body stream fails: Upload aborts the multipart
 * upload (leavePartsOnError false), and a small file was never sent, so nothing is left behind.
 *
 * Checksums are computed only where S3 requires them ("WHEN_REQUIRED"): the SDK's default adds
 * trailing CRC32 checksums that MinIO releases before 2023 and s3rver do not understand.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { pipeline, Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { byteLimit } from "./local-disk-storage.ts";
import {
  type ByteRange,
  checkKey,
  checkPrefix,
  compareKeys,
  type FileStorage,
  StorageLimitError,
  StorageNotFoundError,
  type StoredObject,
} from "./port.ts";

export interface S3StorageConfig {
  bucket: string;
  /** Keys live under `<prefix>/` ("" for the bucket's root). */
  prefix: string;
  region: string;
  /** For MinIO, s3rver or another S3-compatible service; AWS itself needs none. */
  endpoint: string | undefined;
  /** Path-style URLs (http://host/bucket/key), as MinIO and s3rver expect; AWS uses virtual hosts. */
  forcePathStyle: boolean;
  /** From the standard AWS variables; undefined lets the SDK find them (instance role, profile). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
}

/** Bytes per multipart part (S3's minimum is 5 MiB); QUEUE_SIZE parts are uploaded at once. */
const PART_BYTES = 8 * 1024 * 1024;
const QUEUE_SIZE = 2;

const statusOf = (error: unknown) => (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
const nameOf = (error: unknown) => (error as { name?: string })?.name;

export function s3Storage(config: S3StorageConfig): FileStorage & { client: S3Client } {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const prefix = config.prefix.replace(/^\/+|\/+$/g, "");
  const objectKey = (key: string) => (prefix ? `${prefix}/${checkKey(key)}` : checkKey(key));
  const Bucket = config.bucket;

  async function putStream(
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: { contentType?: string; maxBytes?: number },
  ): Promise<StoredObject> {
    const counted = { bytes: 0 };
    let failure: unknown = null;
    // pipeline, not pipe: a failing source fails the stream the upload reads (and is not left unhandled).
    const limited = pipeline(Readable.from(body), byteLimit(options.maxBytes, counted), (error) => {
      if (error) failure ??= error;
    });
    const upload = new Upload({
      client,
      params: { Bucket, Key: objectKey(key), Body: limited, ContentType: options.contentType },
      partSize: PART_BYTES,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The body's own failure (the limit, a broken source) is the one to report.
      throw failure ?? error;
    }
    if (failure) throw failure;
    return { size: counted.bytes, contentType: options.contentType };
  }

  return {
    client,
    location: `s3://${Bucket}${prefix ? `/${prefix}` : ""}`,

    async put(key, source, options = {}) {
      objectKey(key);
      const { maxBytes } = options;
      if (source instanceof Uint8Array) {
        if (maxBytes !== undefined && source.byteLength > maxBytes) throw new StorageLimitError(maxBytes);
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: objectKey(key),
            Body: source,
            ContentLength: source.byteLength,
            ContentType: options.contentType,
          }),
        );
        return { size: source.byteLength, contentType: options.contentType };
      }
      if ("file" in source) {
        const { size } = await stat(source.file);
        if (maxBytes !== undefined && size > maxBytes) throw new StorageLimitError(maxBytes);
        return putStream(key, createReadStream(source.file), options);
      }
      return putStream(key, source, options);
    },

    async get(key, range?: ByteRange) {
      try {
        const response = await client.send(
          new GetObjectCommand({
            Bucket,
            Key: objectKey(key),
            Range: range ? `bytes=${range.start}-${range.end}` : undefined,
          }),
        );
        return response.Body as Readable;
      } catch (error) {
        if (nameOf(error) === "NoSuchKey" || statusOf(error) === 404) throw new StorageNotFoundError(key);
        // A range starting past the end: as the local disk, no bytes.
        if (range && (nameOf(error) === "InvalidRange" || statusOf(error) === 416)) return Readable.from([]);
        throw error;
      }
    },

    async head(key) {
      try {
        const response = await client.send(new HeadObjectCommand({ Bucket, Key: objectKey(key) }));
        return { size: response.ContentLength ?? 0, contentType: response.ContentType };
      } catch (error) {
        if (nameOf(error) === "NotFound" || statusOf(error) === 404) return null;
        throw error;
      }
    },

    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket, Key: objectKey(key) }));
    },

    async *list(listPrefix) {
      checkPrefix(listPrefix);
      const strip = prefix ? `${prefix}/` : "";
      const found: { key: string; size: number }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket, Prefix: strip + listPrefix, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? []) {
          const key = object.Key?.slice(strip.length);
          // Folder markers and objects that are not ours (another tool's, under the same prefix) are skipped.
          if (!key || !object.Key?.startsWith(strip)) continue;
          try {
            checkKey(key);
          } catch {
            continue;
          }
          found.push({ key, size: object.Size ?? 0 });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      found.sort((a, b) => compareKeys(a.key, b.key));
      yield* found;
    },
  };
}
