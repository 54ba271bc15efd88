import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

const POOL_BYTES = 4096;
// Filled on first use: this module is also bundled for the browser (form row keys), where no
// top-level Node API may run.
let pool: Buffer | undefined;
let poolOffset = 0;

/**
 * Random bytes from the CSPRNG, fetched 4 kB at a time: one call into OpenSSL per 256 ids
 * instead of one per id (a busy registration rush makes thousands). Bytes are never handed out
 * twice, so they are as unpredictable as fresh ones (ids, ticket codes, CSP nonces).
 */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES) return randomBytes(size);
  if (!pool || poolOffset + size > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return bytes;
}

/**
 * Time-ordered identifiers (48-bit millisecond time + 80 random bits, Crockford base32, 26
 * characters), so that ordering by id follows creation order on both databases.
 */
export function newId(now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = pooledRandomBytes(16);
  let rand = "";
  for (let i = 0; i < 16; i++) rand += ALPHABET[bytes[i]! % 32];
  return time + rand;
}
