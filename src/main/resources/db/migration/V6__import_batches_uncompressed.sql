-- Issue 6: the rollback log's arrays are stored out of line without compression. A batch's
-- created_ids (2,000 random-tailed UUIDs, 32 KB) does not compress, yet pglz tried on every batch:
-- inserting one import_batches row took 2.5 ms, 0.6 ms without (measured on 2,000-contact batches),
-- a tenth of a new-contact import's database time. Existing rows keep their format; both read the same.
ALTER TABLE import_batches
    ALTER COLUMN created_ids SET STORAGE EXTERNAL,
    ALTER COLUMN created_rows SET STORAGE EXTERNAL,
    ALTER COLUMN changed_ids SET STORAGE EXTERNAL,
    ALTER COLUMN tag_contacts SET STORAGE EXTERNAL,
    ALTER COLUMN tag_ids SET STORAGE EXTERNAL,
    ALTER COLUMN segment_contacts SET STORAGE EXTERNAL;
