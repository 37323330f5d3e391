package cn.canbao.bulletin;

import java.math.BigDecimal;

/** One township's line in a bulletin. Completion and the expected line are percentages. */
public record BulletinRow(long bulletinId, String townshipCode, String townshipName, int rank, int target,
                          int enrolled, BigDecimal completion, BigDecimal previousCompletion, BigDecimal coverageRate,
                          BigDecimal expectedCompletion, int reportsDue, int reportsLate, int reportsMissing,
                          BulletinBand band, boolean lagging, String laggingReason, Long escalationCaseId) {
}
