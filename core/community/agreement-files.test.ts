/**
 * A signed agreement's documents go through the file storage: on the local disk and in a bucket
 * (s3rver), on both databases. Written before the row, removed if the row cannot be written, read
 * back for the secretariat, and gone with the agreement.
 */
import { describe, expect, it } from "vitest";
import { secretariat } from "../../tests/fixtures/community.ts";
import { insertOrganisation } from "../../tests/fixtures/rows.ts";
import { MINIMAL_PDF } from "../../tests/support/minimal-pdf.ts";
import { databasesAndStorages, storageEnv, s3rverForThisFile } from "../../tests/support/s3rver.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { testDatabases, withFailingTransactions } from "../../tests/support/databases.ts";
import { storedKeys } from "../../tests/support/storage.ts";
import { addAgreementAttachment } from "./add-agreement-attachment.ts";
import { agreementFolder } from "./agreement-files.ts";
import { createAgreement } from "./create-agreement.ts";
import { deleteAgreement } from "./delete-agreement.ts";
import { communityDepsFrom } from "./deps.ts";
import { readAgreementAttachment } from "./read-agreement-attachment.ts";

const PDF = new TextEncoder().encode(MINIMAL_PDF);
const s3 = s3rverForThisFile();

describe.each(databasesAndStorages(testDatabases))("agreement documents on %s, files on %s", (kind, storage) => {
  const services = useTestServices(kind, () => storageEnv(storage, s3));

  it("stores, reads back and deletes with the agreement; a failed row leaves no file", async () => {
    const deps = communityDepsFrom(services);
    const orgId = await insertOrganisation(deps.db, { name: "長崎県警察", sector: "government" });
    const agreement = await createAgreement(deps, secretariat, { title: "協定", parties: [{ organisationId: orgId }] });
    const withFile = await addAgreementAttachment(deps, secretariat, agreement.id, {
      fileName: "協定書.pdf",
      bytes: PDF,
    });
    const [attachment] = withFile.attachments;
    expect(await storedKeys(deps.storage, agreementFolder(agreement.id))).toHaveLength(1);
    const download = await readAgreementAttachment(deps, secretariat, agreement.id, attachment!.id);
    expect(Buffer.from(download.bytes).equals(Buffer.from(PDF))).toBe(true);

    const failing = withFailingTransactions(deps.db);
    await expect(
      addAgreementAttachment({ ...deps, db: failing }, secretariat, agreement.id, { fileName: "b.pdf", bytes: PDF }),
    ).rejects.toThrow("database went away");
    expect(await storedKeys(deps.storage, agreementFolder(agreement.id))).toHaveLength(1);

    await deleteAgreement(deps, secretariat, agreement.id);
    expect(await storedKeys(deps.storage)).toEqual([]);
  });
});
