package cn.canbao.register.directory;

import java.time.Instant;

/** One opening of a person file in the audit log: who opened whose file when, the ID number masked. */
public record PersonAccess(
        long id, String maskedIdNumber, String personName, String username, Instant openedAt, String purpose) {}
