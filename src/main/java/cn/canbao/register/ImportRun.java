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
        Instant purgedAt,
        // a dry run (issue 17): nothing was written; its counts, once finished
        boolean dryRun,
        DryRunResult dryRunResult,
        // the phase running now (READ, CHECK, MERGE, COVERAGE; null before and after), since when, and the
        // milliseconds of each phase done
        String phase,
        Instant phaseStartedAt,
        java.util.Map<String, Long> phaseMillis,
        boolean cancelRequested,
        // a police snapshot: the day it lists the register as of, and how many active persons of its villages it
        // did not list (candidates for a move-out, nothing changed)
        java.time.LocalDate snapshotAsOf,
        int snapshotAbsent) {

    /** The phases in order, as {@link #phase()} names them. */
    public static final java.util.List<String> PHASES = java.util.List.of("READ", "CHECK", "MERGE", "COVERAGE");

    /** Rows read per second in the read phase so far (0 before it). */
    public double rowsPerSecond(Instant now) {
        if (startedAt == null || rowsRead == 0) {
            return 0;
        }
        long millis = phaseMillis != null && phaseMillis.containsKey("READ")
                ? phaseMillis.get("READ")
                : java.time.Duration.between(startedAt, now).toMillis();
        return millis <= 0 ? 0 : rowsRead * 1000.0 / millis;
    }

    /** Seconds the read phase still needs at its rate so far, or -1 when the size in rows is unknown. */
    public long secondsLeft(Instant now) {
        double rate = rowsPerSecond(now);
        if (rowsExpected == null || rowsExpected == 0 || rate <= 0) {
            return -1;
        }
        return Math.max(0, Math.round((rowsExpected - rowsRead) / rate));
    }

    /**
     * What a dry run found before anything was written: persons the import would create and change, rows repeating an
     * ID number earlier in the file, rows rejected, and the rejects by reason key.
     */
    public record DryRunResult(
            int newPersons,
            int changedPersons,
            int duplicateRows,
            int rejectedRows,
            java.util.Map<String, Integer> rejectsByReason) {}

    public enum Status {
        QUEUED,
        RUNNING,
        SUCCEEDED,
        FAILED,
        CANCELLED
    }

    /** Share of the file read so far (0–1), or -1 when the size of the file in rows is unknown. */
    public double progress() {
        if (finished()) {
            return 1;
        }
        return rowsExpected == null || rowsExpected == 0 ? -1 : Math.min(1, (double) rowsRead / rowsExpected);
    }

    public boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED || status == Status.CANCELLED;
    }

    /** Whether its uploaded file and rejected rows were deleted under the retention period. */
    public boolean purged() {
        return purgedAt != null;
    }

    /** The same import without the error detail (it may quote the file), for those who see counts only. */
    ImportRun withoutErrorDetail() {
        return new ImportRun(
                id,
                kind,
                fileName,
                scopeCode,
                status,
                format,
                rowsExpected,
                rowsRead,
                rowsAccepted,
                rowsRejected,
                rowsTransferRequested,
                rowsDuplicate,
                rowsHeld,
                personsChanged,
                personsAccepted,
                errorKey,
                null,
                createdBy,
                createdAt,
                startedAt,
                finishedAt,
                rerunOf,
                purgedAt,
                dryRun,
                dryRunResult,
                phase,
                phaseStartedAt,
                phaseMillis,
                cancelRequested,
                snapshotAsOf,
                snapshotAbsent);
    }
}
