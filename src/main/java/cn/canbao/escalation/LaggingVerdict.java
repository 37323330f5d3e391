package cn.canbao.escalation;

/** The decision for one township in one bulletin; {@code reason} is null when it does not lag. */
public record LaggingVerdict(boolean lagging, String reason) {}
