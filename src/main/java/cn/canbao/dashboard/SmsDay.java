package cn.canbao.dashboard;

import java.time.LocalDate;

/** Text messages of a region's subtree on one local day: sent, delivered, failed (the SMS page's counting). */
public record SmsDay(LocalDate day, int sent, int delivered, int failed) {}
