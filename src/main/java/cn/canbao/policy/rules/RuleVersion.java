package cn.canbao.policy.rules;

import java.time.Instant;

/**
 * A deployed version of the policy rules.
 *
 * @param year       the year it applies from (the decisions' version tag)
 * @param version    the engine's version of its WaitingPeriod definition
 * @param fileName   the uploaded file, or the bundled resource
 * @param uploadedBy the clerk who uploaded it; null for the version bundled with the application
 * @param active     whether it is the version evaluated for its year
 */
public record RuleVersion(
        String deploymentId,
        int year,
        int version,
        Instant deployedAt,
        String fileName,
        String uploadedBy,
        boolean active) {}
