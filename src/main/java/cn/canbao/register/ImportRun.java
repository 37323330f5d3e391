package cn.canbao.register;

import java.time.Instant;

/**
 * One import of an extract file: what, by whom, where it stands and what it counted. Rows that would
 * move a person across the edge of the importer's region are neither accepted nor rejected: they are
 * {@code rowsTransferRequested}, waiting for the other side (HouseholdTransferService); exact repeats within the
 * file ({@code rowsDuplicate}) and rows held for a clerk ({@code rowsHeld}) are not counted as either:
 * read = accepted + rejected + duplicate + held + transfer requested.
 */
public record ImportRun(
        long id,
        ExtractKind kind,
        String fileName,
        String scopeCode,
        Status status,
        String format,
        Integer rowsExpected,
        int rowsRead,
        int rowsAccepted,
        int rowsRejected,
        int rowsTransferRequested,
        // exact repeats of an earlier row of the file, and rows held for a clerk (one ID number, two names)
        int rowsDuplicate,
        int rowsHeld,
        int personsChanged,
        // distinct persons of the accepted rows; null for kinds without an ID number per row and older imports
        Integer personsAccepted,
        String errorKey,
        String errorDetail,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Long rerunOf,
        // when the retention job deleted its uploaded file and rejected rows (counts stay); null until then
        Instant purgedAt) {

    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED }

    /** Share of the file read so far (0–1), or -1 when the size of the file in rows is unknown. */
    public double progress() {
        if (finished()) {
            return 1;
        }
        return rowsExpected == null || rowsExpected == 0 ? -1 : Math.min(1, (double) rowsRead / rowsExpected);
    }

    public boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }

    /** Whether its uploaded file and rejected rows were deleted under the retention period. */
    public boolean purged() {
        return purgedAt != null;
    }

    /** The same import without the error detail (it may quote the file), for those who see counts only. */
    ImportRun withoutErrorDetail() {
        return new ImportRun(id, kind, fileName, scopeCode, status, format, rowsExpected, rowsRead, rowsAccepted,
                rowsRejected, rowsTransferRequested, rowsDuplicate, rowsHeld, personsChanged, personsAccepted, errorKey,
                null, createdBy, createdAt, startedAt, finishedAt, rerunOf,
                purgedAt);
    }
}
